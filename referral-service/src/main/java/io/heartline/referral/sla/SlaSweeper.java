package io.heartline.referral.sla;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

/**
 * Escalates PENDING stages past their due time, one referral per transaction. Safe with any number of sweepers on
 * one database: each transaction locks its row with {@code FOR UPDATE SKIP LOCKED}, and a row another sweeper has
 * just escalated is no longer PENDING-and-overdue when re-checked under the lock, so every stage escalates once.
 * A referral whose escalation fails is skipped for the rest of the sweep (and retried by the next one), so one bad
 * row never blocks the others.
 */
public final class SlaSweeper {

    private static final Logger LOG = Logger.getLogger(SlaSweeper.class);

    private final Transactions transactions;
    private final OverdueStages stages;
    private final int maxPerSweep;

    public SlaSweeper(Transactions transactions, OverdueStages stages, int maxPerSweep) {
        this.transactions = transactions;
        this.stages = stages;
        this.maxPerSweep = maxPerSweep;
    }

    /** @return how many referrals this sweep escalated (or reported at the top tier) */
    public int sweepOnce() {
        Set<UUID> failed = new HashSet<>();
        int escalated = 0;
        while (escalated + failed.size() < maxPerSweep) {
            UUID[] picked = new UUID[1];
            try {
                Boolean changed = transactions.inNewTransaction(() -> {
                    Optional<UUID> id = stages.lockNextOverdue(failed);
                    if (id.isEmpty()) {
                        return null;
                    }
                    picked[0] = id.get();
                    return stages.escalate(id.get());
                });
                if (changed == null) {
                    break; // nothing overdue left that nobody else is handling
                }
                if (changed) {
                    escalated++;
                }
            } catch (RuntimeException e) {
                if (picked[0] == null) {
                    throw e; // the lookup itself failed: the next sweep tries again
                }
                failed.add(picked[0]);
                LOG.errorf(e, "SLA escalation of referral %s failed; the next sweep retries it", picked[0]);
            }
        }
        return escalated;
    }
}
