package io.heartline.training.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * The service clock in tests: the real UTC clock (microsecond ticks, as {@code ServiceClock}) plus an offset that a
 * test moves forward and resets afterwards ({@link #reset()}), so deadlines are tested without waiting.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private final Clock base = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    public void advance(Duration d) {
        offset = offset.plus(d);
    }

    /** Moves to {@code at} (by offset from real time). */
    public void moveTo(Instant at) {
        offset = Duration.between(base.instant(), at);
    }

    public void reset() {
        offset = Duration.ZERO;
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
        return base.instant().plus(offset);
    }
}
