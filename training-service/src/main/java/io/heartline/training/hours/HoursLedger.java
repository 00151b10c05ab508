package io.heartline.training.hours;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import io.heartline.platform.events.Ids;

/** Hours credited to people per year; each (kind, source reference, person) counts once. */
public final class HoursLedger {

    public enum Kind {
        COURSE, XAPI, CONFERENCE, EXTERNAL
    }

    private HoursLedger() {
    }

    /** @return false when that source had already credited the person (nothing written) */
    public static boolean credit(Connection c, String district, String personId, int year, Kind kind,
            BigDecimal hours, String eventLevel, String sourceRef, String title, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO hours_credit (id, district, person_id, year, kind, hours, event_level, source_ref, title,
                                          credited_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (district, kind, source_ref, person_id) DO NOTHING""")) {
            ps.setObject(1, Ids.next());
            ps.setString(2, district);
            ps.setString(3, personId);
            ps.setInt(4, year);
            ps.setString(5, kind.name());
            ps.setBigDecimal(6, hours);
            ps.setString(7, eventLevel);
            ps.setString(8, sourceRef);
            ps.setString(9, title);
            ps.setTimestamp(10, Timestamp.from(at));
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO hours_year (district, person_id, year, hours, provincial_conferences, course_credits,
                                        county_events)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (district, year, person_id) DO UPDATE
                SET hours = hours_year.hours + EXCLUDED.hours,
                    provincial_conferences = hours_year.provincial_conferences + EXCLUDED.provincial_conferences,
                    course_credits = hours_year.course_credits + EXCLUDED.course_credits,
                    county_events = hours_year.county_events + EXCLUDED.county_events""")) {
            ps.setString(1, district);
            ps.setString(2, personId);
            ps.setInt(3, year);
            ps.setBigDecimal(4, hours);
            ps.setInt(5, kind == Kind.CONFERENCE && "PROVINCIAL".equals(eventLevel) ? 1 : 0);
            ps.setInt(6, kind == Kind.COURSE ? 1 : 0);
            ps.setInt(7, CountyEventsRule.counts(eventLevel) ? 1 : 0);
            ps.executeUpdate();
        }
        return true;
    }
}
