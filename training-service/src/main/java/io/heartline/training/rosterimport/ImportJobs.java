package io.heartline.training.rosterimport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The SQL of roster imports, in one place. Every method works on the caller's connection. */
final class ImportJobs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            id, district, format, dry_run, state, requested_by, created_at, started_at, finished_at, rows_done,
            rows_total, counts, held, confirmed_by, failure, request_id""";

    /** One line of the report: what happened to a record, or why it was refused. */
    record ReportRow(String file, Integer row, String record, String sourceId, String personId, String action,
            String reason) {
    }

    private ImportJobs() {
    }

    static void insert(Connection c, RosterImport job, String sha256, byte[] upload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO roster_import (id, district, format, mode, dry_run, state, requested_by, created_at,
                                           upload_sha256, upload_size, request_id)
                VALUES (?, ?, ?, 'AUTO', ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, job.id());
            ps.setString(2, job.district());
            ps.setString(3, job.format().code());
            ps.setBoolean(4, job.dryRun());
            ps.setString(5, job.state().name());
            ps.setString(6, job.requestedBy());
            ps.setTimestamp(7, Timestamp.from(job.createdAt()));
            ps.setString(8, sha256);
            ps.setLong(9, upload.length);
            ps.setString(10, job.requestId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO roster_upload (import_id, content) VALUES (?, ?)")) {
            ps.setObject(1, job.id());
            ps.setBytes(2, upload);
            ps.executeUpdate();
        }
    }

    static Optional<RosterImport> find(Connection c, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM roster_import WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    static byte[] upload(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT content FROM roster_upload WHERE import_id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    /**
     * Claims the oldest runnable import whose lease has run out (a crashed runner's job is taken over), at most one
     * per district at a time. Returns it with a fresh lease.
     */
    static Optional<RosterImport> claim(Connection c, Instant now, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE roster_import SET lease_until = ?, started_at = COALESCE(started_at, ?)
                WHERE id = (
                    SELECT j.id FROM roster_import j
                    WHERE j.state IN ('VALIDATING', 'APPLYING') AND (j.lease_until IS NULL OR j.lease_until < ?)
                      AND NOT EXISTS (SELECT 1 FROM roster_import o
                                      WHERE o.district = j.district AND o.id <> j.id
                                        AND o.state IN ('VALIDATING', 'APPLYING') AND o.lease_until >= ?)
                    ORDER BY j.created_at FOR UPDATE SKIP LOCKED LIMIT 1)
                RETURNING id""")) {
            ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return find(c, rs.getObject(1, UUID.class), false);
            }
        }
    }

    /** Starts a (re)run afresh: a run taken over from a crashed runner reports from the beginning. */
    static void restart(Connection c, UUID id, ImportState state, int rowsTotal) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM roster_import_row WHERE import_id = ?")) {
            del.setObject(1, id);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE roster_import SET state = ?, rows_done = 0, rows_total = ?, counts = '{}', failure = NULL
                WHERE id = ?""")) {
            ps.setString(1, state.name());
            ps.setInt(2, rowsTotal);
            ps.setObject(3, id);
            ps.executeUpdate();
        }
    }

    static void progress(Connection c, UUID id, int rowsDone, Map<String, Long> counts, Instant leaseUntil)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE roster_import SET rows_done = ?, counts = ?::jsonb, lease_until = ? WHERE id = ?""")) {
            ps.setInt(1, rowsDone);
            ps.setString(2, json(counts));
            ps.setTimestamp(3, Timestamp.from(leaseUntil));
            ps.setObject(4, id);
            ps.executeUpdate();
        }
    }

    static void finish(Connection c, UUID id, ImportState state, int rowsDone, Map<String, Long> counts,
            RosterImport.Held held, String failure, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE roster_import SET state = ?, rows_done = ?, counts = ?::jsonb, held = ?::jsonb, failure = ?,
                    finished_at = ?, lease_until = NULL
                WHERE id = ?""")) {
            ps.setString(1, state.name());
            ps.setInt(2, rowsDone);
            ps.setString(3, json(counts));
            ps.setString(4, held == null ? null : json(held));
            ps.setString(5, failure);
            ps.setTimestamp(6, state == ImportState.HELD ? null : Timestamp.from(at));
            ps.setObject(7, id);
            ps.executeUpdate();
        }
    }

    /** Moves a finished dry run or a held import on to applying (the runner picks it up). */
    static void resume(Connection c, UUID id, ImportState to, boolean dryRun, String confirmedBy)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE roster_import SET state = ?, dry_run = ?, confirmed_by = COALESCE(?, confirmed_by),
                    lease_until = NULL, finished_at = NULL
                WHERE id = ?""")) {
            ps.setString(1, to.name());
            ps.setBoolean(2, dryRun);
            ps.setString(3, confirmedBy);
            ps.setObject(4, id);
            ps.executeUpdate();
        }
    }

    static void appendRows(Connection c, UUID id, int firstSeq, List<ReportRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO roster_import_row (import_id, seq, file, row_number, record, source_id, person_id, action,
                                               reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int seq = firstSeq;
            for (ReportRow r : rows) {
                ps.setObject(1, id);
                ps.setInt(2, seq++);
                ps.setString(3, r.file());
                ps.setObject(4, r.row());
                ps.setString(5, r.record());
                ps.setString(6, r.sourceId());
                ps.setString(7, r.personId());
                ps.setString(8, r.action());
                ps.setString(9, r.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Report lines in file order after line {@code afterLine}; {@code action} filters (e.g. ERROR). */
    static List<ImportViews.ReportLine> lines(Connection c, UUID id, String action, int afterLine, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT seq, file, row_number, record, source_id, person_id, action, reason FROM roster_import_row
                WHERE import_id = ? AND seq > ? AND (?::text IS NULL OR action = ?) ORDER BY seq LIMIT ?""")) {
            ps.setObject(1, id);
            ps.setInt(2, afterLine);
            ps.setString(3, action);
            ps.setString(4, action);
            ps.setInt(5, limit);
            List<ImportViews.ReportLine> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new ImportViews.ReportLine(rs.getInt(1), rs.getString(2), (Integer) rs.getObject(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            return lines;
        }
    }

    static List<RosterImport> list(Connection c, String district, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM roster_import WHERE district = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
            ps.setString(1, district);
            ps.setInt(2, limit);
            List<RosterImport> jobs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    jobs.add(read(rs));
                }
            }
            return jobs;
        }
    }

    private static RosterImport read(ResultSet rs) throws SQLException {
        return new RosterImport(rs.getObject(1, UUID.class), rs.getString(2), ImportFormat.of(rs.getString(3))
                .orElseThrow(), rs.getBoolean(4), ImportState.valueOf(rs.getString(5)), rs.getString(6),
                instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getInt(10), (Integer) rs.getObject(11),
                parse(rs.getString(12), new TypeReference<LinkedHashMap<String, Long>>() {
                }), rs.getString(13) == null ? null : parse(rs.getString(13),
                        new TypeReference<RosterImport.Held>() {
                        }), rs.getString(14), rs.getString(15), rs.getString(16));
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String s, TypeReference<T> type) {
        try {
            return JSON.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
