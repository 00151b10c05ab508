package io.heartline.crisis.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import io.heartline.crisis.Db;
import io.heartline.crisis.model.ClockKind;

public record ClockRow(UUID id, ClockKind kind, int seq, Instant dueAt, Instant metAt, Instant breachedAt,
        Instant cancelledAt) {

    static ClockRow map(ResultSet rs) throws SQLException {
        return new ClockRow(Db.uuid(rs, "id"), ClockKind.valueOf(rs.getString("kind")), rs.getInt("seq"),
                Db.instant(rs, "due_at"), Db.instant(rs, "met_at"), Db.instant(rs, "breached_at"),
                Db.instant(rs, "cancelled_at"));
    }

    /** Breached: the sweep raised it, or it was met after its due time. */
    public boolean breached() {
        return breachedAt != null || (metAt != null && metAt.isAfter(dueAt));
    }

    public Views.Clock view() {
        return new Views.Clock(kind.name(), seq, dueAt, metAt, breached());
    }
}
