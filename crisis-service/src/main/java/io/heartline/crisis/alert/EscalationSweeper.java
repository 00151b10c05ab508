package io.heartline.crisis.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.crisis.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Escalates alerts nobody acknowledged within their step's window. Like the clock sweep: open alerts past their window
 * are locked with {@code FOR UPDATE SKIP LOCKED}, so an alert another instance holds is skipped, and once moved its
 * window lies in the future (or is gone) when re-checked; the move itself is conditional on the step read. Each step
 * escalates — and publishes — once, however many instances sweep.
 */
@ApplicationScoped
public class EscalationSweeper {

    private final Db db;
    private final Alerts alerts;
    private final Clock clock;

    EscalationSweeper(Db db, Alerts alerts, Clock clock) {
        this.db = db;
        this.alerts = alerts;
        this.clock = clock;
    }

    /** One batch in its own transaction; @return how many alerts moved. */
    public int sweepBatch(int max) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            List<AlertRow> due = db.list("SELECT " + AlertRow.COLUMNS + """
                     FROM alert a WHERE a.status = 'OPEN' AND a.step_due_at IS NOT NULL AND a.step_due_at <= ?
                    ORDER BY a.step_due_at LIMIT ? FOR UPDATE SKIP LOCKED""", AlertRow::map, now, max);
            int moved = 0;
            for (AlertRow a : due) {
                if (alerts.escalate(a, now)) {
                    moved++;
                }
            }
            return moved;
        });
    }

    /** Escalates everything overdue now, batch by batch, up to {@code max}; @return the count. */
    public int sweepOnce(int max) {
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

    /** Open alerts past their window that no sweep has moved yet (should stay near zero). */
    public long overdueCount() {
        return db.count("""
                SELECT count(*) FROM alert WHERE status = 'OPEN' AND step_due_at IS NOT NULL AND step_due_at <= ?""",
                clock.instant());
    }
}
