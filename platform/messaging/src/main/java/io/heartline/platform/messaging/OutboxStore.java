package io.heartline.platform.messaging;

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
    record PendingRow(long seq, UUID eventId, String type, String topic, String key, byte[] payload,
            String traceparent, String requestId) {
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

    /** What a relay pass learns before it reads: whether it leads, the durable position, the in-flight floor. */
    record PassStart(boolean leader, long position, long inFlightFloor) {
    }

    /**
     * Takes the relay's lock for the rest of the transaction (false when another relay instance holds it), reads the
     * durable position, and the smallest transaction id (xid8) of this database still in progress, or the snapshot's
     * xmax when there is none: every transaction of this database with a smaller id has ended. Prepared transactions
     * count as in progress. Other databases' transactions do not matter (they cannot write this outbox), so a long
     * transaction elsewhere on the server never holds the relay back.
     */
    static PassStart startPass(Connection c, long lockKey, boolean floorNeeded) throws SQLException {
        // The floor is only needed while gaps are open (the sub-select reads every backend's status; skipped else).
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT pg_try_advisory_xact_lock(?), (SELECT last_value FROM outbox_relay_position),
                       CASE WHEN ? THEN COALESCE((SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) x
                                 WHERE x::text::bigint % 4294967296 IN (
                                     SELECT backend_xid::text::bigint FROM pg_stat_activity
                                     WHERE datname = current_database() AND backend_xid IS NOT NULL
                                       AND pid <> pg_backend_pid()
                                     UNION ALL
                                     SELECT transaction::text::bigint FROM pg_prepared_xacts
                                     WHERE database = current_database())),
                                pg_snapshot_xmax(pg_current_snapshot())::text::bigint) ELSE 0 END""")) {
            ps.setLong(1, lockKey);
            ps.setBoolean(2, floorNeeded);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new PassStart(rs.getBoolean(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /** Rows a pass publishes, in seq order, and the xmax (xid8) of the snapshot they were read in. */
    record Batch(List<PendingRow> rows, long snapshotXmax) {
    }

    /**
     * The rows after {@code after} (at most {@code limit}) and those of the given gap seqs that have become visible,
     * in seq order, read in one statement so that the snapshot's xmax describes exactly what was visible.
     */
    static Batch nextBatch(Connection c, long after, int limit, Long[] gaps) throws SQLException {
        String columns = "seq, event_id, event_type, topic, record_key, payload, traceparent, request_id";
        String sql = "SELECT r.*, pg_snapshot_xmax(pg_current_snapshot())::text::bigint FROM ((SELECT " + columns
                + " FROM outbox_event WHERE seq > ? ORDER BY seq LIMIT ?)"
                + (gaps.length == 0 ? "" : " UNION ALL (SELECT " + columns + " FROM outbox_event WHERE seq = ANY (?))")
                + ") r ORDER BY seq";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            if (gaps.length > 0) {
                ps.setArray(3, c.createArrayOf("bigint", gaps));
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<PendingRow> rows = new ArrayList<>();
                long xmax = 0;
                while (rs.next()) {
                    rows.add(new PendingRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getBytes(6), rs.getString(7), rs.getString(8)));
                    xmax = rs.getLong(9);
                }
                return new Batch(rows, xmax);
            }
        }
    }

    /**
     * Moves the durable position (a sequence: overwritten in place, no dead tuple, not undone by a rollback). The
     * pass's commit does not wait for the WAL flush ({@code synchronous_commit} off for this transaction only): a
     * position lost in a server crash only makes the relay publish those events again, which consumers' inboxes
     * absorb, while a flush per pass cost up to a millisecond of commit time and a disk write per event.
     */
    static void setPosition(Connection c, long position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT setval('outbox_relay_position', ?, true), set_config('synchronous_commit', 'off', true)")) {
            ps.setLong(1, position);
            ps.executeQuery().close();
        }
    }

    static long position(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_value FROM outbox_relay_position");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static final int SLOTS = 10;

    /**
     * Empties ring slots (daily partitions, see V0_3) other than today's and yesterday's whose rows are all at or
     * below the position and whose newest row is older than {@code cutoff}: TRUNCATE, no dead tuples, no vacuum.
     * Each slot in its own short transaction; the lock is taken before the check so that no row can arrive between
     * them, and a short lock timeout keeps a busy table from stalling.
     *
     * @return the slots emptied
     */
    static List<Integer> truncatePublishedSlots(Connection c, Instant cutoff) throws SQLException {
        int today;
        try (PreparedStatement ps = c.prepareStatement("SELECT outbox_slot(now())"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            today = rs.getInt(1);
        }
        List<Integer> emptied = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (int slot = 0; slot < SLOTS; slot++) {
                if (slot == today || slot == (today + SLOTS - 1) % SLOTS) {
                    continue;
                }
                String table = "outbox_event_" + slot;
                try (var st = c.createStatement()) {
                    if (!truncatable(c, table, cutoff)) {
                        c.rollback();
                        continue;
                    }
                    st.execute("SET LOCAL lock_timeout = '200ms'");
                    st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
                    if (truncatable(c, table, cutoff)) {
                        st.execute("TRUNCATE " + table);
                        emptied.add(slot);
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    if (!"55P03".equals(e.getSQLState())) {
                        throw e;
                    } // busy: next time
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return emptied;
    }

    private static boolean truncatable(Connection c, String table, Instant cutoff) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, created_at < ?, seq <= "
                + "(SELECT last_value FROM outbox_relay_position) FROM " + table + " ORDER BY seq DESC LIMIT 1")) {
            ps.setObject(1, java.sql.Timestamp.from(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(2) && rs.getBoolean(3);
            }
        }
    }

    /** Rows above the durable position (not yet confirmed published) and the age of the oldest. */
    static OutboxBacklog backlog(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) "
                        + "FROM outbox_event WHERE seq > (SELECT last_value FROM outbox_relay_position)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new OutboxBacklog(rs.getLong(1), Duration.ofMillis((long) (rs.getDouble(2) * 1000)));
        }
    }
}
