package io.heartline.crisis.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heartline.crisis.Db;
import io.heartline.platform.events.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sends queued deliveries. A pass claims due rows with {@code FOR UPDATE SKIP LOCKED} and, in the same short
 * transaction, pushes their {@code next_attempt_at} out by a lease; it then POSTs them in parallel outside any
 * transaction and records each outcome in its own. Another instance's pass skips rows being claimed and no longer sees
 * claimed ones as due, so each attempt is made by one worker; a worker that dies mid-attempt leaves its rows to be
 * retried when the lease lapses (at-least-once: receivers deduplicate by {@code webhook-id}, as the spec advises).
 * All times come from the injected clock.
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);
    static final String USER_AGENT = "Heartline-Webhooks/1";

    private final Db db;
    private final Clock clock;
    private final WebhookConfig config;
    private final SecretBox secrets;
    private final MeterRegistry meters;
    private final RetryPolicy retry;
    private final HttpClient http;

    WebhookWorker(Db db, Clock clock, WebhookConfig config, SecretBox secrets, MeterRegistry meters) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.secrets = secrets;
        this.meters = meters;
        this.retry = new RetryPolicy(config.delivery().retrySchedule(), config.delivery().jitter());
        // 3xx is a failure (the spec: update the URL instead of following redirects).
        this.http = HttpClient.newBuilder().connectTimeout(config.delivery().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    record Claimed(UUID id, UUID subscriptionId, UUID messageId, String eventType, String body, int attempt,
            String url, byte[] secretEnc) {
    }

    /** What one attempt came to: a status code, or an error class (codes only, never the receiver's text). */
    record Outcome(Claimed delivery, Integer status, String error, Duration retryAfter) {
        boolean ok() {
            return status != null && status >= 200 && status < 300;
        }
    }

    /** Passes until nothing is due (bounded, so a flood cannot pin the worker). @return attempts made */
    public int drain() {
        int total = 0;
        for (int i = 0; i < 50; i++) {
            int n = deliverOnce();
            total += n;
            if (n < config.delivery().batchSize()) {
                break;
            }
        }
        return total;
    }

    /** One pass: claim up to a batch of due deliveries, send them, record the outcomes. @return attempts made */
    public int deliverOnce() {
        List<Claimed> batch = QuarkusTransaction.requiringNew().call(() -> claim(config.delivery().batchSize()));
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Outcome>> sent = batch.stream().map(this::send).toList();
        for (CompletableFuture<Outcome> f : sent) {
            Outcome o = f.join();
            try {
                QuarkusTransaction.requiringNew().run(() -> record(o));
            } catch (RuntimeException e) {
                // The lease lapses and the delivery is tried again.
                LOG.errorf(e, "Could not record the outcome of webhook delivery %s", o.delivery().id());
            }
        }
        return batch.size();
    }

    private List<Claimed> claim(int max) {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(config.delivery().timeout()).plusSeconds(30);
        return db.list("""
                WITH due AS (
                    SELECT d.id FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                    WHERE d.status = 'PENDING' AND d.next_attempt_at <= ? AND s.status = 'ACTIVE'
                    ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE OF d SKIP LOCKED)
                UPDATE webhook_delivery d SET next_attempt_at = ?, attempts = d.attempts + 1
                FROM due, webhook_subscription s
                WHERE d.id = due.id AND s.id = d.subscription_id
                RETURNING d.id, d.subscription_id, d.message_id, d.event_type, d.body, d.attempts, s.url,
                    s.secret_enc""",
                rs -> new Claimed(Db.uuid(rs, "id"), Db.uuid(rs, "subscription_id"), Db.uuid(rs, "message_id"),
                        rs.getString("event_type"), rs.getString("body"), rs.getInt("attempts"), rs.getString("url"),
                        rs.getBytes("secret_enc")),
                now, max, leaseUntil);
    }

    private CompletableFuture<Outcome> send(Claimed d) {
        HttpRequest request;
        try {
            byte[] key = secrets.open(d.subscriptionId(), d.secretEnc());
            String id = d.messageId().toString();
            long timestamp = clock.instant().getEpochSecond();
            request = HttpRequest.newBuilder(URI.create(d.url())).timeout(config.delivery().timeout())
                    .header("content-type", "application/json").header("user-agent", USER_AGENT)
                    .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSigning.signature(key, id, timestamp, d.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8)).build();
        } catch (IllegalStateException e) {
            return CompletableFuture.completedFuture(new Outcome(d, null, "SECRET_UNREADABLE", null));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Outcome(d, null, "INVALID_URL", null));
        }
        // Only the status matters: the body stream is closed unread, so a receiver that streams an endless body
        // cannot hold the worker (the request timeout covers the headers only); orTimeout is the outer bound.
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(r -> {
                    try {
                        r.body().close();
                    } catch (IOException e) {
                        // the status has arrived; the connection is dropped either way
                    }
                    return new Outcome(d, r.statusCode(), null, retryAfter(r));
                })
                .orTimeout(config.delivery().timeout().plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(t -> new Outcome(d, null, errorClass(t), null));
    }

    static Duration retryAfter(HttpResponse<?> r) {
        Optional<String> v = r.headers().firstValue("retry-after");
        if (v.isEmpty()) {
            return null;
        }
        try {
            long s = Long.parseLong(v.get().trim());
            return s > 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP-date: the schedule decides
        }
    }

    static String errorClass(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (c instanceof HttpConnectTimeoutException) {
            return "CONNECT_TIMEOUT";
        }
        if (c instanceof HttpTimeoutException || c instanceof TimeoutException) {
            return "TIMEOUT";
        }
        if (c instanceof ConnectException) {
            return "CONNECTION_REFUSED";
        }
        if (c instanceof SSLException) {
            return "TLS_ERROR";
        }
        if (c instanceof IOException) {
            return "IO_ERROR";
        }
        return "ERROR";
    }

    private void record(Outcome o) {
        Claimed d = o.delivery();
        Instant now = clock.instant();
        meters.counter("heartline.crisis.webhooks.attempts", "outcome", o.ok() ? "delivered" : "failed").increment();
        if (o.ok()) {
            int n = db.update("""
                    UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = ?, next_attempt_at = NULL
                    WHERE id = ? AND status = 'PENDING'""", now, d.id());
            if (n > 0) {
                db.update("UPDATE webhook_subscription SET consecutive_failures = 0 WHERE id = ? "
                        + "AND consecutive_failures <> 0", d.subscriptionId());
            }
            return;
        }
        if (db.count("SELECT count(*) FROM webhook_delivery WHERE id = ? AND status = 'PENDING'", d.id()) == 0) {
            return; // the subscription was deleted or disabled meanwhile
        }
        db.update("""
                INSERT INTO webhook_failure (id, subscription_id, delivery_id, message_id, event_type, attempt, at,
                    status_code, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", Ids.next(), d.subscriptionId(), d.id(), d.messageId(),
                d.eventType(), d.attempt(), now, o.status(), o.error());
        Optional<Duration> next = retry.next(d.attempt(), ThreadLocalRandom.current().nextDouble(), o.retryAfter());
        if (next.isPresent()) {
            db.update("UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING'",
                    now.plus(next.get()), d.id());
        } else {
            db.update("""
                    UPDATE webhook_delivery SET status = 'FAILED', next_attempt_at = NULL
                    WHERE id = ? AND status = 'PENDING'""", d.id());
        }
        int failures = db.one("""
                UPDATE webhook_subscription SET consecutive_failures = consecutive_failures + 1
                WHERE id = ? RETURNING consecutive_failures""", rs -> rs.getInt(1), d.subscriptionId()).orElse(0);
        // 410 Gone: the receiver says it wants no more (the spec: disable the endpoint).
        String reason = Integer.valueOf(410).equals(o.status()) ? "GONE"
                : failures >= config.delivery().disableAfterFailures() ? "CONSECUTIVE_FAILURES" : null;
        if (reason != null && db.update("""
                UPDATE webhook_subscription SET status = 'DISABLED', disabled_at = ?, disabled_reason = ?
                WHERE id = ? AND status = 'ACTIVE'""", now, reason, d.subscriptionId()) > 0) {
            int cancelled = db.update("""
                    UPDATE webhook_delivery SET status = 'CANCELLED', next_attempt_at = NULL
                    WHERE subscription_id = ? AND status = 'PENDING'""", d.subscriptionId());
            LOG.warnf("Webhook subscription %s disabled (%s) after %d failed attempt(s) in a row; %d pending "
                    + "deliveries cancelled", d.subscriptionId(), reason, failures, cancelled);
        }
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }
}
