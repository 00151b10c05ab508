package io.heartline.crisis.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When a failed delivery is tried again: the configured schedule (delay before attempt 2, 3, …), each delay lengthened
 * by a random share below {@code jitter} (never shortened, so an attempt is never earlier than the schedule says),
 * and a receiver's {@code Retry-After} honoured when it asks for longer (capped at a day).
 */
public record RetryPolicy(List<Duration> schedule, double jitter) {

    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    public RetryPolicy {
        schedule = List.copyOf(schedule);
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1");
        }
    }

    /** Attempts a delivery gets in all. */
    public int maxAttempts() {
        return 1 + schedule.size();
    }

    /**
     * @param failedAttempts attempts made so far, all failed (1 after the first)
     * @param random01 a random number in [0, 1)
     * @param retryAfter the receiver's Retry-After, or null
     * @return the delay before the next attempt, or empty when none remains
     */
    public Optional<Duration> next(int failedAttempts, double random01, Duration retryAfter) {
        if (failedAttempts < 1 || failedAttempts > schedule.size()) {
            return Optional.empty();
        }
        Duration base = schedule.get(failedAttempts - 1);
        if (retryAfter != null && retryAfter.compareTo(base) > 0) {
            base = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        long extra = (long) (base.toMillis() * jitter * random01);
        return Optional.of(base.plusMillis(extra));
    }
}
