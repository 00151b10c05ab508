package io.heartline.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.gateway.GatewayConfig;

/** The gateway's two limiters: per token subject, and per client address for callers without a valid token. */
@ApplicationScoped
public class RateLimits {

    private final RateLimiter perCaller;
    private final RateLimiter anonymous;

    public RateLimits(GatewayConfig config) {
        GatewayConfig.RateLimit c = config.rateLimit();
        this.perCaller = new RateLimiter(c.perCaller().rate(), c.perCaller().burst(), c.maxCallers());
        this.anonymous = new RateLimiter(c.anonymous().rate(), c.anonymous().burst(), c.maxCallers());
    }

    public RateLimiter perCaller() {
        return perCaller;
    }

    public RateLimiter anonymous() {
        return anonymous;
    }
}
