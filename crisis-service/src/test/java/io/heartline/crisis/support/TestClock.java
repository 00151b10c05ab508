package io.heartline.crisis.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The service clock in tests: real time plus an offset that tests move forward (never back, so that test classes
 * sharing the JVM keep a consistent timeline). Microsecond ticks, like the platform's ServiceClock.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private static final AtomicReference<Duration> OFFSET = new AtomicReference<>(Duration.ZERO);

    /** Moves the service's time forward. */
    public static void advance(Duration d) {
        OFFSET.updateAndGet(o -> o.plus(d));
    }

    public static Instant now() {
        Instant t = Instant.now().plus(OFFSET.get());
        return Instant.ofEpochSecond(t.getEpochSecond(), (t.getNano() / 1_000) * 1_000L);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now();
    }
}
