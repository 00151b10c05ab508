package io.heartline.training.hours;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** County-level events a year required of full-time psychology teachers: configured default, per-district rows. */
@ApplicationScoped
public class CountyEventsRequirement {

    private final int defaultEvents;

    CountyEventsRequirement(@ConfigProperty(name = "heartline.training.compliance.county-events-required")
    int defaultEvents) {
        this.defaultEvents = defaultEvents;
    }

    public int forDistrict(Connection c, String district) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT events FROM county_events_requirement WHERE district = ?")) {
            ps.setString(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : defaultEvents;
            }
        }
    }

    public void set(Connection c, String district, int events, String by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO county_events_requirement (district, events, updated_by, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (district) DO UPDATE SET events = EXCLUDED.events, updated_by = EXCLUDED.updated_by,
                                                     updated_at = EXCLUDED.updated_at""")) {
            ps.setString(1, district);
            ps.setInt(2, events);
            ps.setString(3, by);
            ps.setTimestamp(4, Timestamp.from(at));
            ps.executeUpdate();
        }
    }
}
