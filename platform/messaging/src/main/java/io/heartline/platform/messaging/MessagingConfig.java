package io.heartline.platform.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heartline.messaging.*}: outbox relay and inbox consumer settings of a service. */
@ConfigMapping(prefix = "heartline.messaging")
public interface MessagingConfig {

    /** Short name of the service, e.g. {@code screening}: names the relay lock, client ids and consumer groups. */
    String service();

    Relay relay();

    Consumer consumer();

    interface Relay {
        @WithDefault("true")
        boolean enabled();

        /** Safety-net poll; commits wake the relay at once. */
        @WithDefault("100ms")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();

        /** How long a pass waits for the broker's acknowledgements before it gives up and retries later. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Sent rows are deleted after this long. */
        @WithDefault("P7D")
        Duration retention();
    }

    interface Consumer {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("3")
        int maxAttempts();

        @WithDefault("200ms")
        Duration retryBackoff();

        /**
         * Records per poll, handled in one transaction: more amortises the commit further, fewer keeps a handler's
         * per-transaction state (e.g. a Hibernate persistence context it flushes on every query) small.
         */
        @WithDefault("250")
        int maxBatch();

        /**
         * Handled offsets are committed at most this often while records keep coming (at once when the topic goes
         * quiet): fewer broker round trips; a crash re-reads at most this much, which the inbox skips.
         */
        @WithDefault("200ms")
        Duration commitInterval();

        /** Inbox rows older than this are deleted; it must exceed any redelivery window. */
        @WithDefault("P30D")
        Duration inboxRetention();
    }
}
