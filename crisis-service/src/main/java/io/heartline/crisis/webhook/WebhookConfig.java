package io.heartline.crisis.webhook;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heartline.crisis.webhooks.*} (application.properties, docs/crisis.md "Webhooks"). */
@ConfigMapping(prefix = "heartline.crisis.webhooks")
public interface WebhookConfig {

    /**
     * {@code http://} to a loopback host (127.0.0.0/8, ::1, localhost) is accepted besides {@code https://}: true in
     * %dev and %test only, so that a local receiver can be used; %prod accepts {@code https://} to public hosts only.
     */
    @WithDefault("false")
    boolean allowHttpLoopback();

    /** Base64 of the 32-byte AES key that encrypts subscription secrets at rest. */
    String secretKey();

    /** Subscriptions a district may hold (each one multiplies every alert's deliveries). */
    @WithDefault("20")
    int maxPerDistrict();

    Delivery delivery();

    interface Delivery {
        /** Runs the scheduled worker on this instance (the worker can still be run by hand). */
        @WithDefault("true")
        boolean enabled();

        /** Safety-net poll; a commit that enqueues wakes the worker at once. */
        @WithDefault("1s")
        String interval();

        /** Connect and response timeout of one attempt (the spec recommends 15–30 s). */
        @WithDefault("PT15S")
        Duration timeout();

        /**
         * Delays before the 2nd, 3rd, … attempt (roughly exponential, the spec's example schedule); a delivery gets
         * {@code 1 + size} attempts, then it is FAILED.
         */
        @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT14H,PT20H,PT24H")
        List<Duration> retrySchedule();

        /** Each delay is lengthened by a random share in [0, jitter) so retries of many deliveries spread out. */
        @WithDefault("0.2")
        double jitter();

        /** A subscription is disabled after this many failed attempts in a row (any of its deliveries). */
        @WithDefault("10")
        int disableAfterFailures();

        /** Deliveries one worker pass claims and sends in parallel. */
        @WithDefault("20")
        int batchSize();

        /** Finished deliveries (delivered, failed, cancelled) and failure records older than this are deleted. */
        @WithDefault("P30D")
        Duration retention();
    }
}
