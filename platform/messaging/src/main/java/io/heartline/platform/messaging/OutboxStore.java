package io.heartline.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.heartline.platform.events.OutgoingEvent;

/** The SQL of the {@code outbox_event} table, in one place. Every method works on the caller's connection. */
final class OutboxStore {

    /** A row waiting to be published. */
    record PendingRow(long seq, UUID eventId, String topic, String key, byte[] payload, String traceparent,
            String requestId) {
    }

    private OutboxStore() {
    }

    static void insert(Connection c, OutgoingEvent e) throws SQLException {
        insertAll(c, List.of(e));
    }

    /** One round trip for many events (bulk imports): a JDBC batch in append order. */
    static void insertAll(Connection c, List<OutgoingEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outbox_event (event_id, event_type, topic, record_key, payload, traceparent, request_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (OutgoingEvent e : events) {
                ps.setObject(1, e.id());
                ps.setString(2, e.type());
                ps.setString(3, e.topic());
                ps.setString(4, e.key());
                ps.setBytes(5, e.payload());
                ps.setString(6, e.traceparent());
                ps.setString(7, e.requestId());
                ps.addBatch();
            }
            if (events.size() == 1) {
                ps.executeUpdate();
            } else {
                ps.executeBatch();
            }
        }
    }

    /** Takes the relay's lock for the rest of the transaction; false when another relay instance holds it. */
    static boolean tryLeadership(Connection c, long lockKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static List<PendingRow> nextBatch(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT seq, event_id, topic, record_key, payload, traceparent, request_id
                FROM outbox_event WHERE sent_at IS NULL ORDER BY seq LIMIT ?""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<PendingRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new PendingRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getBytes(5), rs.getString(6), rs.getString(7)));
                }
                return rows;
            }
        }
    }

    static void markSent(Connection c, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox_event SET sent_at = now(), attempts = attempts + 1 WHERE seq = ANY (?)")) {
            Array array = c.createArrayOf("bigint", seqs.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    static void recordFailure(Connection c, long seq, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox_event SET attempts = attempts + 1, last_error = ? WHERE seq = ?")) {
            ps.setString(1, truncate(error));
            ps.setLong(2, seq);
            ps.executeUpdate();
        }
    }

    static int deleteSentBefore(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox_event WHERE sent_at < ?")) {
            ps.setObject(1, java.sql.Timestamp.from(cutoff));
            return ps.executeUpdate();
        }
    }

    static OutboxBacklog backlog(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) "
                        + "FROM outbox_event WHERE sent_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new OutboxBacklog(rs.getLong(1), Duration.ofMillis((long) (rs.getDouble(2) * 1000)));
        }
    }

    private static String truncate(String s) {
        if (s == null) {
            return null;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= 1000 ? s : s.substring(0, 500);
    }
}
