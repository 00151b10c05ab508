package io.heartline.crisis.clocks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.crisis.CrisisConfig;
import io.heartline.crisis.alert.AlertKind;
import io.heartline.crisis.alert.Alerts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.heartline.crisis.Db;
import io.heartline.crisis.cases.CaseRow;
import io.heartline.crisis.cases.CrisisEvents;
import io.heartline.crisis.model.ClockKind;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.web.Trace;

/**
 * Breaches overdue clocks. One statement picks armed clocks past due with {@code FOR UPDATE SKIP LOCKED} and marks
 * them breached; a clock another sweeper holds is skipped, and one it has just breached no longer matches when
 * re-checked, so every clock is breached — and its event published — once, however many instances sweep. The events
 * go to the outbox in the same transaction as the mark.
 */
@ApplicationScoped
public class ClockSweeper {

    private final Db db;
    private final CrisisEvents events;
    private final Clock clock;
    private final CrisisConfig config;
    private final Alerts alerts;

    ClockSweeper(Db db, CrisisEvents events, Clock clock, CrisisConfig config, Alerts alerts) {
        this.alerts = alerts;
        this.db = db;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    private record Breach(UUID clockId, ClockKind kind, Instant dueAt, CaseRow c) {
    }

    /** One batch in its own transaction; @return how many clocks it breached. */
    public int sweepBatch(int max) {
        return QuarkusTransaction.requiringNew().call(() -> breach(max));
    }

    private int breach(int max) {
        Instant now = clock.instant();
        List<Breach> breached = db.list("""
                WITH due AS (
                    SELECT id FROM case_clock
                    WHERE met_at IS NULL AND breached_at IS NULL AND cancelled_at IS NULL AND due_at <= ?
                      AND kind <> 'REPORT_WITHIN_30_MIN'
                    ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                UPDATE case_clock k SET breached_at = ? FROM due, crisis_case c
                WHERE k.id = due.id AND c.id = k.case_id
                RETURNING k.id AS clock_id, k.kind AS clock_kind, k.due_at AS clock_due, """
                + io.heartline.crisis.cases.CaseStoreColumns.COLUMNS,
                rs -> new Breach(Db.uuid(rs, "clock_id"), ClockKind.valueOf(rs.getString("clock_kind")),
                        Db.instant(rs, "clock_due"), io.heartline.crisis.cases.CaseStoreColumns.map(rs)),
                now, max, now);
        for (Breach b : breached) {
            db.update("UPDATE crisis_case SET breached = true WHERE id = ? AND NOT breached", b.c().id());
            if (b.kind() == ClockKind.FIRST_CONTACT || b.kind() == ClockKind.CHECK_IN || b.kind() == ClockKind.WATCH) {
                // nobody acted in time: someone must now (a breach first seen by the late action itself raises none)
                alerts.raise(AlertKind.CRISIS_CLOCK_BREACH, b.c().district(), b.c().school(),
                        b.kind() == ClockKind.WATCH ? "CRITICAL" : "HIGH", Alerts.CASE, b.c().id(),
                        "clock:" + b.clockId(), Trace.NONE);
            }
            Map<String, Object> data = CrisisEvents.data(b.c());
            data.put("dueAt", b.dueAt().toString());
            data.put("level", b.c().level() == null ? null : b.c().level().name());
            if (b.kind() == ClockKind.WATCH) {
                data.put("gapMinutes", config.watchGapMinutes());
                db.update("""
                        INSERT INTO case_entry (id, case_id, at, recorded_at, kind, detail)
                        VALUES (?, ?, ?, ?, 'WATCH_GAP', ?::jsonb)""", io.heartline.platform.events.Ids.next(),
                        b.c().id(), b.dueAt(), now, "{\"gapMinutes\": " + config.watchGapMinutes() + "}");
                events.publish(EventTypes.Crisis.WATCH_GAP, b.c(), data, Trace.NONE);
            } else {
                data.put("clock", b.kind().name());
                db.update("""
                        INSERT INTO case_entry (id, case_id, at, recorded_at, kind, code)
                        VALUES (?, ?, ?, ?, 'CLOCK_BREACHED', ?)""", io.heartline.platform.events.Ids.next(),
                        b.c().id(), b.dueAt(), now, b.kind().name());
                events.publish(EventTypes.Crisis.SLA_BREACHED, b.c(), data, Trace.NONE);
            }
        }
        return breached.size();
    }

    /** Breaches everything overdue now, batch by batch; @return the count. */
    public int sweepOnce() {
        int max = config.sweep().maxPerSweep();
        int total = 0;
        while (total < max) {
            int batch = Math.min(100, max - total);
            int n = sweepBatch(batch);
            total += n;
            if (n < batch) {
                break;
            }
        }
        return total;
    }

    /** Armed clocks already past due (should stay near zero between sweeps). */
    public long overdueCount() {
        return db.count("""
                SELECT count(*) FROM case_clock WHERE met_at IS NULL AND breached_at IS NULL AND cancelled_at IS NULL
                AND due_at <= ? AND kind <> 'REPORT_WITHIN_30_MIN'""", clock.instant());
    }
}
