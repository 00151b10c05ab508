package io.heartline.platform.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * {@link #markProcessed} for many events in one statement.
     *
     * @return the ids that were new (each once, however often it appears in {@code eventIds})
     */
    static Set<UUID> markProcessedAll(Connection c, String consumer, List<UUID> eventIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO processed_event (consumer, event_id) "
                + "SELECT ?, unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id")) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
            Set<UUID> fresh = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
            return fresh;
        }
    }

    static int deleteProcessedBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM processed_event WHERE processed_at < ?")) {
            ps.setObject(1, java.sql.Timestamp.from(cutoff));
            return ps.executeUpdate();
        }
    }
}
