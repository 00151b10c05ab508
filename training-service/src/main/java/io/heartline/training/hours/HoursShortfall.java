package io.heartline.training.hours;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.messaging.Outbox;
import io.heartline.training.directory.SchoolRole;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * {@code hours-shortfall}: from {@code heartline.training.hours.shortfall-notice-from} (MM-dd, default 11-01) to the
 * year's end, once per person and year, for active staff whose credited hours do not meet their roles' requirement.
 * Safe with several instances: the notice row (primary key district, person, year) is inserted in the transaction
 * that writes the event, and only the insert that wins sends it.
 */
@ApplicationScoped
public class HoursShortfall {

    public record Shortfall(String personId, int year, BigDecimal requiredHours, BigDecimal creditedHours,
            List<String> roleCodes, String district, String school) {
    }

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final HoursRequirements requirements;
    private final Clock clock;
    private final MonthDay from;

    HoursShortfall(AgroalDataSource dataSource, Outbox outbox, HoursRequirements requirements, Clock clock,
            @ConfigProperty(name = "heartline.training.hours.shortfall-notice-from") String from) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.requirements = requirements;
        this.clock = clock;
        this.from = MonthDay.parse("--" + from);
    }

    @Scheduled(every = "${heartline.training.hours.shortfall-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Sends what is due now, district by district (one transaction each); returns the number of events. */
    public int run() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (MonthDay.from(today).isBefore(from)) {
            return 0;
        }
        List<String> districts = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT district FROM person WHERE kind = 'STAFF' AND active")) {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
        int sent = 0;
        for (String d : districts) {
            sent += QuarkusTransaction.requiringNew().call(() -> district(d, today.getYear(), now));
        }
        return sent;
    }

    private int district(String district, int year, Instant now) throws SQLException {
        int sent = 0;
        try (Connection c = dataSource.getConnection()) {
            Map<SchoolRole, BigDecimal> perRole = requirements.forDistrict(c, district);
            record Candidate(String personId, String school, List<SchoolRole> roles, BigDecimal hours, int provincial) {
            }
            List<Candidate> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT p.person_id, p.school_id, array_agg(DISTINCT r.role),
                           COALESCE(h.hours, 0), COALESCE(h.provincial_conferences, 0)
                    FROM person p
                    JOIN staff_role r ON r.district = p.district AND r.person_id = p.person_id
                    LEFT JOIN hours_year h ON h.district = p.district AND h.person_id = p.person_id AND h.year = ?
                    WHERE p.district = ? AND p.kind = 'STAFF' AND p.active
                      AND NOT EXISTS (SELECT 1 FROM hours_shortfall_notice n WHERE n.district = p.district
                                      AND n.person_id = p.person_id AND n.year = ?)
                    GROUP BY p.person_id, p.school_id, h.hours, h.provincial_conferences""")) {
                ps.setInt(1, year);
                ps.setString(2, district);
                ps.setInt(3, year);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<SchoolRole> roles = Arrays.stream((String[]) rs.getArray(3).getArray())
                                .map(SchoolRole::valueOf).toList();
                        candidates.add(new Candidate(rs.getString(1), rs.getString(2), roles, rs.getBigDecimal(4),
                                rs.getInt(5)));
                    }
                }
            }
            try (PreparedStatement ins = c.prepareStatement("""
                    INSERT INTO hours_shortfall_notice (district, person_id, year, sent_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""")) {
                for (Candidate k : candidates) {
                    if (HoursRule.met(k.roles(), perRole, k.hours(), k.provincial())) {
                        continue;
                    }
                    ins.setString(1, district);
                    ins.setString(2, k.personId());
                    ins.setInt(3, year);
                    ins.setTimestamp(4, Timestamp.from(now));
                    if (ins.executeUpdate() == 1) {
                        outbox.append(EventBuilder.from("training").type(Training.HOURS_SHORTFALL)
                                .subject(k.personId()).district(district).school(k.school())
                                .data(new Shortfall(k.personId(), year,
                                        HoursRule.required(k.roles(), perRole), k.hours(),
                                        k.roles().stream().map(Enum::name).sorted().toList(), district, k.school()))
                                .build());
                        sent++;
                    }
                }
            }
        }
        return sent;
    }
}
