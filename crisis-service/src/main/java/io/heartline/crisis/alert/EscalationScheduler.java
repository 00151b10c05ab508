package io.heartline.crisis.alert;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.heartline.crisis.CrisisConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs the escalation sweep on every instance every {@code heartline.crisis.alerts.sweep-interval}. Proof that it
 * runs: the gauge {@code heartline.crisis.alerts.sweep.last.age.seconds} and the readiness check
 * {@code crisis-alert-escalation} (DOWN once no sweep completed for {@code heartline.crisis.sweep.stale-after}); the
 * age is monotonic wall time, so moving the service clock in tests cannot fake it.
 */
@ApplicationScoped
@Readiness
public class EscalationScheduler implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(EscalationScheduler.class);

    private final EscalationSweeper sweeper;
    private final CrisisConfig config;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong lastSweepNanos = new AtomicLong(0);
    private final AtomicLong overdue = new AtomicLong();

    EscalationScheduler(EscalationSweeper sweeper, CrisisConfig config, MeterRegistry meters) {
        this.sweeper = sweeper;
        this.config = config;
        Gauge.builder("heartline.crisis.alerts.sweep.last.age.seconds", this, EscalationScheduler::lastSweepAgeSeconds)
                .description("Seconds since this instance last completed an alert escalation sweep").register(meters);
        Gauge.builder("heartline.crisis.alerts.overdue", overdue, AtomicLong::get)
                .description("Open alerts past their acknowledgement window that no sweep has escalated yet")
                .register(meters);
    }

    @Scheduled(identity = "crisis-alert-escalation", every = "${heartline.crisis.alerts.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!config.sweep().enabled()) {
            return;
        }
        try {
            int n = sweeper.sweepOnce(config.sweep().maxPerSweep());
            if (n > 0) {
                LOG.infof("Alert sweep escalated %d alert(s)", n);
            }
            overdue.set(sweeper.overdueCount());
            lastSweepNanos.set(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Alert escalation sweep failed; the next one retries");
        }
    }

    /** Seconds since the last completed sweep (since start when none has completed yet). */
    public double lastSweepAgeSeconds() {
        long last = lastSweepNanos.get();
        return (System.nanoTime() - (last == 0 ? startedNanos : last)) / 1e9;
    }

    /** Tests: pretend the last sweep completed {@code seconds} ago (a stalled sweeper). */
    public void ageForTest(long seconds) {
        lastSweepNanos.set(System.nanoTime() - seconds * 1_000_000_000L);
    }

    @Override
    public HealthCheckResponse call() {
        double age = lastSweepAgeSeconds();
        boolean up = !config.sweep().enabled() || age <= config.sweep().staleAfter().toSeconds();
        return HealthCheckResponse.named("crisis-alert-escalation").status(up)
                .withData("lastSweepAgeSeconds", Math.round(age)).withData("sweptOnce", lastSweepNanos.get() != 0)
                .build();
    }
}
