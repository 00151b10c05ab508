package io.heartline.platform.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.Ids;

/**
 * The append-only record of sensitive reads (who, role, which record of which person, when, which endpoint). Rows hold
 * no answers, scores or notes; the table refuses updates and deletes. A read whose audit row cannot be written fails.
 */
@ApplicationScoped
public class AuditLog {

    /** A record that was read: its type (e.g. {@code screening}), id, and the person it is about. */
    public record Target(String recordType, String recordId, String subjectId) {
    }

    /** An audit row as {@code GET /api/v1/audit} shows it. */
    public record Entry(UUID id, Instant at, String actor, String actorRole, String subjectId, String recordType,
            String recordId, String endpoint, String requestId) {
    }

    private final AgroalDataSource dataSource;
    private final RequestTrace trace;

    AuditLog(AgroalDataSource dataSource, RequestTrace trace) {
        this.dataSource = dataSource;
        this.trace = trace;
    }

    /** Records one row per target read by the caller at the given school through the endpoint. */
    @Transactional
    public void recordReads(Caller caller, String school, String endpoint, List<Target> targets) {
        if (targets.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_record (id, actor, actor_role, district, school, subject_id, record_type, record_id,
                                          endpoint, request_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Target t : targets) {
                ps.setObject(1, Ids.next());
                ps.setString(2, caller.id());
                ps.setString(3, caller.primaryRole());
                ps.setString(4, caller.district());
                ps.setString(5, school);
                ps.setString(6, t.subjectId());
                ps.setString(7, t.recordType());
                ps.setString(8, t.recordId());
                ps.setString(9, endpoint);
                ps.setString(10, trace.requestId());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the audit record; the read is refused", e);
        }
    }

    /** The reads of one person's records at one school, newest first. */
    public Page<Entry> forSubject(String school, String subjectId, PageRequest page) {
        String sql = """
                SELECT id, at, actor, actor_role, subject_id, record_type, record_id, endpoint, request_id
                FROM audit_record WHERE school = ? AND subject_id = ?"""
                + (page.hasCursor() ? " AND (at, id) < (?, ?)" : "")
                + " ORDER BY at DESC, id DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, school);
            ps.setString(i++, subjectId);
            if (page.hasCursor()) {
                ps.setTimestamp(i++, Timestamp.from(page.beforeAt()));
                ps.setObject(i++, page.beforeId());
            }
            ps.setInt(i, page.limit() + 1);
            List<Entry> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Entry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9)));
                }
            }
            return page.page(rows, Entry::at, Entry::id, e -> e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log", e);
        }
    }
}
