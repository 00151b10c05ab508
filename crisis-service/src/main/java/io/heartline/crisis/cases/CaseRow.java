package io.heartline.crisis.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import io.heartline.crisis.Db;
import io.heartline.crisis.model.Level;
import io.heartline.crisis.model.Status;

/** One {@code crisis_case} row. */
public record CaseRow(UUID id, String district, String school, String subjectId, String subjectType, Status status,
        Level level, Level suggestedLevel, Integer impact, Integer coping, Integer support, String leadId,
        Instant openedAt, String openedFrom, Instant firstContactAt, Instant closedAt, String outcome,
        String reviewWentWell, String reviewToChange, int reopenCount, boolean breached) {

    static final String COLUMNS = """
            c.id, c.district, c.school, c.subject_id, c.subject_type, c.status, c.level, c.suggested_level, c.impact,
            c.coping, c.support, c.lead_id, c.opened_at, c.opened_from, c.first_contact_at, c.closed_at, c.outcome,
            c.review_went_well, c.review_to_change, c.reopen_count, c.breached""";

    static CaseRow map(ResultSet rs) throws SQLException {
        String level = rs.getString("level");
        String suggested = rs.getString("suggested_level");
        return new CaseRow(Db.uuid(rs, "id"), rs.getString("district"), rs.getString("school"),
                rs.getString("subject_id"), rs.getString("subject_type"), Status.valueOf(rs.getString("status")),
                level == null ? null : Level.valueOf(level), suggested == null ? null : Level.valueOf(suggested),
                Db.intOrNull(rs, "impact"), Db.intOrNull(rs, "coping"), Db.intOrNull(rs, "support"),
                rs.getString("lead_id"), Db.instant(rs, "opened_at"), rs.getString("opened_from"),
                Db.instant(rs, "first_contact_at"), Db.instant(rs, "closed_at"), rs.getString("outcome"),
                rs.getString("review_went_well"), rs.getString("review_to_change"), rs.getInt("reopen_count"),
                rs.getBoolean("breached"));
    }
}
