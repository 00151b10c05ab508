package io.heartline.referral.sla;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heartline.referral.ReferralConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs the SLA sweep on every instance every {@code heartline.referral.sla.sweep-interval} (15 s by default, so a
 * breach is escalated well within a minute). Publishes {@code heartline.referral.sla.overdue}: overdue stages still
 * waiting for a sweep, which should stay near zero.
 */
@ApplicationScoped
public class SlaScheduler {

    private static final Logger LOG = Logger.getLogger(SlaScheduler.class);

    private final SlaSweeper sweeper;
    private final SlaEscalations escalations;
    private final boolean enabled;
    private final AtomicLong overdue = new AtomicLong();

    SlaScheduler(SlaEscalations escalations, ReferralConfig config, MeterRegistry meters) {
        this.escalations = escalations;
        this.sweeper = new SlaSweeper(escalations, escalations, config.sla().maxPerSweep());
        this.enabled = config.sla().enabled();
        Gauge.builder("heartline.referral.sla.overdue", overdue, AtomicLong::get)
                .description("PENDING stages past due that no sweep has escalated yet").register(meters);
    }

    @Scheduled(identity = "referral-sla-sweep", every = "${heartline.referral.sla.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!enabled) {
            return;
        }
        try {
            int escalated = sweeper.sweepOnce();
            if (escalated > 0) {
                LOG.infof("SLA sweep escalated %d referral(s)", escalated);
            }
            overdue.set(escalations.overdueCount());
        } catch (RuntimeException e) {
            LOG.errorf(e, "SLA sweep failed; the next one retries");
        }
    }
}
