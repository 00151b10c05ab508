package io.heartline.gateway.security;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.heartline.gateway.GatewayConfig;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Verifies a bearer token once with smallrye-jwt (RS256 signature, issuer, audience, expiry and not-before with the
 * configured skew; keys from the dev key or the identity provider's JWKS) and remembers the result until the token
 * expires, at most {@code heartline.gateway.auth.cache-max-age}. Concurrent first uses of one token share one
 * verification. Verification runs on a worker thread because a JWKS refresh blocks. Failures are not remembered.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    private final JWTParser parser;
    private final Vertx vertx;
    private final AsyncCache<String, Caller> cache;

    public TokenVerifier(JWTParser parser, Vertx vertx, GatewayConfig config) {
        this.parser = parser;
        this.vertx = vertx;
        long maxAgeNanos = config.auth().cacheMaxAge().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.auth().cacheMaxSize())
                .expireAfter(new Expiry<String, Caller>() {
                    @Override
                    public long expireAfterCreate(String token, Caller caller, long now) {
                        long untilExpiry = TimeUnit.SECONDS.toNanos(caller.expiresAt())
                                - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
                        return Math.max(0, Math.min(untilExpiry, maxAgeNanos));
                    }

                    @Override
                    public long expireAfterUpdate(String token, Caller caller, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String token, Caller caller, long now, long current) {
                        return current;
                    }
                })
                .buildAsync();
    }

    /** The caller of an already verified, unexpired token, or null: the fast path, no thread hop. */
    public Caller cached(String token) {
        CompletableFuture<Caller> f = cache.getIfPresent(token);
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            return f.join(); // null while a refused token's entry is being dropped
        }
        return null;
    }

    /** Verifies (or finds) the token; fails with {@link InvalidTokenException}. Completes on the caller's context. */
    public Future<Caller> verify(String token) {
        Caller known = cached(token);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        Context context = vertx.getOrCreateContext();
        // A refused token completes with null: Caffeine drops the entry (and does not log the failure).
        CompletableFuture<Caller> f = cache.get(token, (t, executor) -> vertx
                .executeBlocking(() -> parse(t), false)
                .otherwise((Caller) null)
                .toCompletionStage().toCompletableFuture());
        return Future.fromCompletionStage(f, context).compose(caller -> caller != null
                ? Future.succeededFuture(caller)
                : Future.failedFuture(new InvalidTokenException("invalid token")));
    }

    /** Number of remembered tokens (for tests and metrics). */
    public long size() {
        return cache.synchronous().estimatedSize();
    }

    private Caller parse(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                throw new InvalidTokenException("no subject");
            }
            Set<String> groups = jwt.getGroups() == null ? Set.of() : Set.copyOf(jwt.getGroups());
            return new Caller(jwt.getSubject(), groups, jwt.getExpirationTime());
        } catch (ParseException e) {
            // The exception text may quote claims: log only that verification failed.
            LOG.debug("Bearer token rejected");
            throw new InvalidTokenException("invalid token");
        } catch (InvalidTokenException e) {
            LOG.debug("Bearer token rejected (no subject)");
            throw e;
        } catch (RuntimeException e) {
            LOG.debugf("Bearer token rejected (%s)", e.getClass().getSimpleName());
            throw new InvalidTokenException("invalid token");
        }
    }

}
