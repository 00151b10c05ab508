package io.heartline.platform.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token parser of every service: smallrye-jwt's own verification (signature, issuer, audience, expiry with
 * the configured skew), remembered per exact token string until the token expires (at most 10 000 tokens, at most
 * 10 minutes). A front end sends one token for many requests; verifying it again each time was a tenth of an intake's
 * CPU (RS256 plus claims parsing, docs/benchmarks.md). Only successes are remembered, keyed by the whole compact
 * token, so any changed byte (a tampered payload or signature) is a different key and is verified from scratch.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    static final long MAX_ENTRIES = 10_000;
    static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(new Expiry<String, JsonWebToken>() {
                @Override
                public long expireAfterCreate(String token, JsonWebToken jwt, long now) {
                    return remainingNanos(jwt, System.currentTimeMillis());
                }

                @Override
                public long expireAfterUpdate(String token, JsonWebToken jwt, long now, long current) {
                    return remainingNanos(jwt, System.currentTimeMillis());
                }

                @Override
                public long expireAfterRead(String token, JsonWebToken jwt, long now, long current) {
                    return current;
                }
            })
            .build();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && remainingNanos(known, System.currentTimeMillis()) > 0) {
            return known;
        }
        JsonWebToken jwt = super.parse(token);
        if (remainingNanos(jwt, System.currentTimeMillis()) > 0) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /**
     * How long a verified token may be served from memory: until its {@code exp} (no skew), at most {@link #MAX_AGE}.
     * Wall-clock time, not the service's {@code Clock}: smallrye-jwt checks {@code exp} against the wall clock, and the
     * cache must never vouch for a token longer than the verifier would (a test that moves the service clock must not
     * move token expiry).
     */
    static long remainingNanos(JsonWebToken jwt, long nowMillis) {
        long untilExpiry = TimeUnit.SECONDS.toNanos(jwt.getExpirationTime()) - TimeUnit.MILLISECONDS.toNanos(nowMillis);
        return Math.max(0, Math.min(untilExpiry, MAX_AGE.toNanos()));
    }
}
