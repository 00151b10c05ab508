package io.heartline.training.certificates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * {@code certificate-expiring} (90, 30 and 7 days before) and {@code certificate-expired}, each sent once. Safe with
 * several instances: each batch locks its rows ({@code FOR UPDATE SKIP LOCKED}) and records what it sent
 * ({@code reminded_days}, {@code expired_sent_at}) in the transaction that writes the events to the outbox. A
 * certificate first seen inside a window gets only the most urgent reminder due (issued 20 days before expiry: the
 * 30-day one, not also the 90-day one).
 */
@ApplicationScoped
public class CertificateReminders {

    static final int[] THRESHOLDS = { 7, 30, 90 };
    private static final int BATCH = 500;

    public record Expiring(UUID certificateId, String personId, String kind, String level, Instant expiresAt,
            int daysLeft, String district) {
    }

    public record Expired(UUID certificateId, String personId, String kind, String level, Instant expiresAt,
            String district) {
    }

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;

    CertificateReminders(AgroalDataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(every = "${heartline.training.certificates.reminder-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** Sends what is due now; returns the number of events written. */
    public int run() {
        int total = 0;
        int n;
        do {
            n = QuarkusTransaction.requiringNew().call(this::batch);
            total += n;
        } while (n == BATCH);
        return total;
    }

    /** The smallest threshold whose window {@code remaining} is in, or 0 when none (more than 90 days). */
    static int threshold(Duration remaining) {
        for (int t : THRESHOLDS) {
            if (remaining.compareTo(Duration.ofDays(t)) <= 0) {
                return t;
            }
        }
        return 0;
    }

    private int batch() throws SQLException {
        Instant now = clock.instant();
        record Due(UUID id, String district, String personId, String school, CertificateKind kind, Instant expiresAt,
                Integer reminded) {
        }
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, district, person_id, school_id, kind, expires_at, reminded_days FROM certificate
                    WHERE expires_at IS NOT NULL AND expired_sent_at IS NULL AND revoked_at IS NULL
                      AND expires_at <= ?::timestamptz + interval '90 days'
                      AND (expires_at <= ? OR reminded_days IS NULL
                           OR (reminded_days > 30 AND expires_at <= ?::timestamptz + interval '30 days')
                           OR (reminded_days > 7 AND expires_at <= ?::timestamptz + interval '7 days'))
                    ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                Timestamp ts = Timestamp.from(now);
                ps.setTimestamp(1, ts);
                ps.setTimestamp(2, ts);
                ps.setTimestamp(3, ts);
                ps.setTimestamp(4, ts);
                ps.setInt(5, BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getString(4), CertificateKind.valueOf(rs.getString(5)),
                                rs.getTimestamp(6).toInstant(), (Integer) rs.getObject(7)));
                    }
                }
            }
            try (PreparedStatement expired = c.prepareStatement(
                    "UPDATE certificate SET expired_sent_at = ? WHERE id = ?");
                    PreparedStatement reminded = c.prepareStatement(
                            "UPDATE certificate SET reminded_days = ? WHERE id = ?")) {
                for (Due d : due) {
                    EventBuilder e = EventBuilder.from("training").subject(d.personId()).district(d.district())
                            .school(d.school());
                    if (!d.expiresAt().isAfter(now)) {
                        expired.setTimestamp(1, Timestamp.from(now));
                        expired.setObject(2, d.id());
                        expired.addBatch();
                        outbox.append(e.type(Training.CERTIFICATE_EXPIRED).data(new Expired(d.id(), d.personId(),
                                d.kind().name(), d.kind().level(), d.expiresAt(), d.district())).build());
                    } else {
                        int t = threshold(Duration.between(now, d.expiresAt()));
                        reminded.setInt(1, t);
                        reminded.setObject(2, d.id());
                        reminded.addBatch();
                        outbox.append(e.type(Training.CERTIFICATE_EXPIRING).data(new Expiring(d.id(), d.personId(),
                                d.kind().name(), d.kind().level(), d.expiresAt(), t, d.district())).build());
                    }
                }
                expired.executeBatch();
                reminded.executeBatch();
            }
        }
        return due.size();
    }
}
