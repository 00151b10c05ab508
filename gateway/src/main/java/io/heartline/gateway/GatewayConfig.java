package io.heartline.gateway;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything under {@code heartline.gateway} in application.properties (routes and policy: policy.json). */
@ConfigMapping(prefix = "heartline.gateway")
public interface GatewayConfig {

    /** Service name (as used in policy.json) to its base URL. */
    Map<String, Service> services();

    /** Classpath resource or file holding the routes and the role policy. */
    @WithDefault("heartline/gateway/policy.json")
    String policy();

    Upstream upstream();

    /** Named request body limits; routes refer to them by name, {@code default} applies otherwise. */
    Map<String, MemorySize> bodyLimits();

    RateLimit rateLimit();

    Auth auth();

    Readiness readiness();

    interface Service {
        String url();
    }

    interface Upstream {
        @WithDefault("2s")
        Duration connectTimeout();

        /** No byte from the upstream for this long: 504. */
        @WithDefault("30s")
        Duration timeout();

        @WithDefault("200")
        int maxConnections();
    }

    interface RateLimit {
        Bucket perCaller();

        Bucket anonymous();

        @WithDefault("100000")
        int maxCallers();
    }

    interface Bucket {
        /** Sustained requests per second. */
        long rate();

        /** Bucket capacity: requests that may arrive at once after a quiet spell. */
        long burst();
    }

    interface Auth {
        @WithDefault("50000")
        int cacheMaxSize();

        @WithDefault("60s")
        Duration cacheMaxAge();
    }

    interface Readiness {
        @WithDefault("false")
        boolean requireUpstreams();

        @WithDefault("1s")
        Duration timeout();
    }
}
