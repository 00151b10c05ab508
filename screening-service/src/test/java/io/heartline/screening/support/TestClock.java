package io.heartline.screening.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The service's clock in tests: the system clock unless a test pins it ({@link #pin}); {@link #reset} after. Replaces
 * the platform's {@code ServiceClock} (a default bean).
 */
@Singleton
public class TestClock extends Clock {

    private static volatile Instant pinned;

    public static void pin(Instant at) {
        pinned = at;
    }

    public static void reset() {
        pinned = null;
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
        Instant p = pinned;
        return p != null ? p : Instant.now();
    }
}
