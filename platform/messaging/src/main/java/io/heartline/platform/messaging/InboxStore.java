package io.heartline.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** The SQL of the {@code processed_event} table. */
final class InboxStore {
    private InboxStore() {
    }

    /**
     * Records that the consumer handles this event in the current transaction.
     *
     * @return false when it was handled before (or is being handled by a transaction that then commits)
     */
    static boolean markProcessed(Connection c, String consumer, UUID eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, consumer);
            ps.setObject(2, eventId);
            return ps.executeUpdate() == 1;
        }
    }

    static int deleteProcessedBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM processed_event WHERE processed_at < ?")) {
            ps.setObject(1, java.sql.Timestamp.from(cutoff));
            return ps.executeUpdate();
        }
    }
}
