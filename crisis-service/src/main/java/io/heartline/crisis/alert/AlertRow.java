package io.heartline.crisis.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import io.heartline.crisis.Db;

/** One {@code alert} row (resolve_reason is never read into it: it goes nowhere). */
public record AlertRow(UUID id, String district, String school, AlertKind kind, String urgency, String recordType,
        UUID recordId, Instant raisedAt, int step, String targetId, Instant stepDueAt, String status,
        String acknowledgedBy, Instant acknowledgedAt, String resolvedBy, Instant resolvedAt, String policyJson) {

    static final String COLUMNS = """
            a.id, a.district, a.school, a.kind, a.urgency, a.record_type, a.record_id, a.raised_at, a.step,
            a.target_id, a.step_due_at, a.status, a.acknowledged_by, a.acknowledged_at, a.resolved_by, a.resolved_at,
            a.policy::text AS policy""";

    static AlertRow map(ResultSet rs) throws SQLException {
        return new AlertRow(Db.uuid(rs, "id"), rs.getString("district"), rs.getString("school"),
                AlertKind.valueOf(rs.getString("kind")), rs.getString("urgency"), rs.getString("record_type"),
                Db.uuid(rs, "record_id"), Db.instant(rs, "raised_at"), rs.getInt("step"), rs.getString("target_id"),
                Db.instant(rs, "step_due_at"), rs.getString("status"), rs.getString("acknowledged_by"),
                Db.instant(rs, "acknowledged_at"), rs.getString("resolved_by"), Db.instant(rs, "resolved_at"),
                rs.getString("policy"));
    }

    /** The answer shape: need-to-know only. */
    public AlertView view() {
        return new AlertView(id, kind.name(), school, urgency, new AlertView.Record(recordType, recordId), raisedAt,
                step, targetId, status, stepDueAt, acknowledgedBy, acknowledgedAt, resolvedAt);
    }
}
