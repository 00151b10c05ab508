package io.heartline.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets (Bucket4j) per key: {@code rate} requests per second sustained, {@code burst} at once. The bucket map
 * is bounded: a bucket idle long enough to have refilled completely is dropped (losing nothing), and at most
 * {@code maxKeys} buckets are kept.
 */
public final class RateLimiter {

    private final Cache<String, Bucket> buckets;
    private final long rate;
    private final long burst;

    public RateLimiter(long rate, long burst, int maxKeys) {
        if (rate <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.rate = rate;
        this.burst = burst;
        long refillMillis = Math.max(1000, (burst * 1000 + rate - 1) / rate);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(Duration.ofMillis(refillMillis + 1000))
                .build();
    }

    /** Takes one token: 0 when granted, else the nanoseconds until one is available. */
    public long tryAcquire(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Whether a token is available, without taking it. */
    public boolean hasCapacity(String key) {
        Bucket b = buckets.getIfPresent(key);
        return b == null || b.getAvailableTokens() > 0;
    }

    public long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).build())
                .build());
    }

    /** Retry-After in whole seconds (at least 1) for a wait in nanoseconds. */
    public static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
