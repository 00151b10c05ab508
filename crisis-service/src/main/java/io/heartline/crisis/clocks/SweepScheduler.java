package io.heartline.crisis.clocks;

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
 * Runs the clock sweep on every instance every {@code heartline.crisis.sweep.interval}. Proves it runs: the gauge
 * {@code heartline.crisis.sweep.last.age.seconds} and the readiness check {@code crisis-clock-sweep} (DOWN once no
 * sweep has completed for {@code heartline.crisis.sweep.stale-after}). The age is wall time (monotonic), not the
 * service clock, so that moving the service clock in tests does not fake a stale sweeper.
 */
@ApplicationScoped
@Readiness
public class SweepScheduler implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(SweepScheduler.class);

    private final ClockSweeper sweeper;
    private final CrisisConfig config;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong lastSweepNanos = new AtomicLong(0);
    private final AtomicLong overdue = new AtomicLong();

    SweepScheduler(ClockSweeper sweeper, CrisisConfig config, MeterRegistry meters) {
        this.sweeper = sweeper;
        this.config = config;
        Gauge.builder("heartline.crisis.sweep.last.age.seconds", this, SweepScheduler::lastSweepAgeSeconds)
                .description("Seconds since this instance last completed a clock sweep").register(meters);
        Gauge.builder("heartline.crisis.clocks.overdue", overdue, AtomicLong::get)
                .description("Armed clocks past due that no sweep has breached yet").register(meters);
    }

    @Scheduled(identity = "crisis-clock-sweep", every = "${heartline.crisis.sweep.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!config.sweep().enabled()) {
            return;
        }
        try {
            int n = sweeper.sweepOnce();
            if (n > 0) {
                LOG.infof("Clock sweep breached %d clock(s)", n);
            }
            overdue.set(sweeper.overdueCount());
            lastSweepNanos.set(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Clock sweep failed; the next one retries");
        }
    }

    /** Seconds since the last completed sweep (since start when none has completed yet). */
    public double lastSweepAgeSeconds() {
        long last = lastSweepNanos.get();
        return (System.nanoTime() - (last == 0 ? startedNanos : last)) / 1e9;
    }

    @Override
    public HealthCheckResponse call() {
        double age = lastSweepAgeSeconds();
        boolean up = !config.sweep().enabled() || age <= config.sweep().staleAfter().toSeconds();
        return HealthCheckResponse.named("crisis-clock-sweep").status(up)
                .withData("lastSweepAgeSeconds", Math.round(age)).withData("sweptOnce", lastSweepNanos.get() != 0)
                .build();
    }
}
