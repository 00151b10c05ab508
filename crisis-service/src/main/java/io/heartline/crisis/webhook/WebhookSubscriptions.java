package io.heartline.crisis.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jboss.logging.Logger;

import io.heartline.crisis.Db;
import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;

/** Subscriptions of the caller's district: create, list, read, delete. The secret leaves only in the create answer. */
@ApplicationScoped
public class WebhookSubscriptions {

    private static final Logger LOG = Logger.getLogger(WebhookSubscriptions.class);
    static final int FAILURES_LISTED = 20;

    private final Db db;
    private final Clock clock;
    private final WebhookConfig config;
    private final SecretBox secrets;

    WebhookSubscriptions(Db db, Clock clock, WebhookConfig config, SecretBox secrets) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.secrets = secrets;
    }

    /** {@code secret}: a {@code whsec_…} secret, or null to have one generated. */
    public record NewSubscription(String url, String secret, List<String> kinds) {
    }

    public record Subscription(UUID id, String url, List<String> kinds, String status, Instant createdAt,
            String createdBy, int consecutiveFailures, Instant disabledAt, String disabledReason) {
    }

    /** The create answer: the only one that carries the secret (when it was generated here). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(UUID id, String url, List<String> kinds, String status, Instant createdAt, String secret) {
    }

    public record Failure(Instant at, UUID messageId, String eventType, int attempt, Integer statusCode,
            String error) {
    }

    public record Detail(UUID id, String url, List<String> kinds, String status, Instant createdAt, String createdBy,
            int consecutiveFailures, Instant disabledAt, String disabledReason, long delivered, long pending,
            List<Failure> recentFailures) {
    }

    public Created create(Caller who, NewSubscription body) {
        String district = who.requireDistrict();
        List<Problem.FieldError> errors = new ArrayList<>();
        WebhookUrls.problem(body.url(), config.allowHttpLoopback())
                .ifPresent(m -> errors.add(new Problem.FieldError("url", m)));
        byte[] key = null;
        if (body.secret() != null) {
            try {
                key = WebhookSigning.parseSecret(body.secret().trim());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("secret", e.getMessage()));
            }
        }
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        List<String> asked = body.kinds() == null ? List.of() : body.kinds();
        if (asked.size() > WebhookPayload.KINDS.size()) {
            asked = List.of();
            errors.add(new Problem.FieldError("kinds", "at most " + WebhookPayload.KINDS.size() + " kinds"));
        }
        for (int i = 0; i < asked.size(); i++) {
            String k = asked.get(i);
            if (k == null || !WebhookPayload.KINDS.contains(k)) {
                errors.add(new Problem.FieldError("kinds[" + i + "]", "must be one of "
                        + WebhookPayload.KINDS.stream().sorted().toList()));
            } else {
                kinds.add(k);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The subscription has " + errors.size() + " invalid field(s)", errors);
        }
        // Serialises creates of one district, so the cap holds under concurrent requests.
        db.one("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> 1, "webhook-subscriptions:" + district);
        long existing = db.count("SELECT count(*) FROM webhook_subscription WHERE district = ?", district);
        if (existing >= config.maxPerDistrict()) {
            throw ProblemException.conflictBecause("TOO_MANY_SUBSCRIPTIONS", "A district may hold at most "
                    + config.maxPerDistrict() + " webhook subscriptions; delete one first");
        }
        boolean generated = key == null;
        if (generated) {
            key = WebhookSigning.newKey();
        }
        UUID id = Ids.next();
        Instant now = clock.instant();
        List<String> kindList = List.copyOf(kinds);
        db.update("""
                INSERT INTO webhook_subscription (id, district, url, secret_enc, kinds, status, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?, ?)""", id, district, body.url().trim(), secrets.seal(id, key),
                kindList.toArray(String[]::new), who.id(), now);
        LOG.infof("Webhook subscription %s created in district %s by %s (kinds %s, secret %s)", id, district,
                who.id(), kindList.isEmpty() ? "all" : kindList, generated ? "generated" : "given");
        return new Created(id, body.url().trim(), kindList, "ACTIVE", now,
                generated ? WebhookSigning.formatSecret(key) : null);
    }

    private static final String COLUMNS = """
            id, url, kinds, status, created_at, created_by, consecutive_failures, disabled_at, disabled_reason""";

    private static Subscription map(ResultSet rs) throws SQLException {
        Array kinds = rs.getArray("kinds");
        return new Subscription(Db.uuid(rs, "id"), rs.getString("url"),
                kinds == null ? List.of() : List.of((String[]) kinds.getArray()), rs.getString("status"),
                Db.instant(rs, "created_at"), rs.getString("created_by"), rs.getInt("consecutive_failures"),
                Db.instant(rs, "disabled_at"), rs.getString("disabled_reason"));
    }

    public Page<Subscription> list(Caller who, PageRequest page) {
        List<Object> args = new ArrayList<>(List.of(who.requireDistrict()));
        String sql = "SELECT " + COLUMNS + " FROM webhook_subscription WHERE district = ?";
        if (page.hasCursor()) {
            sql += " AND (created_at, id) < (?, ?)";
            args.add(page.beforeAt());
            args.add(page.beforeId());
        }
        sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
        args.add(page.limit() + 1);
        return page.page(db.list(sql, WebhookSubscriptions::map, args.toArray()), Subscription::createdAt,
                Subscription::id, s -> s);
    }

    public Detail get(Caller who, String rawId) {
        UUID id = parse(rawId);
        Subscription s = db.one("SELECT " + COLUMNS + " FROM webhook_subscription WHERE id = ? AND district = ?",
                WebhookSubscriptions::map, id, who.requireDistrict()).orElseThrow(WebhookSubscriptions::notFound);
        List<Failure> failures = db.list("""
                SELECT at, message_id, event_type, attempt, status_code, error FROM webhook_failure
                WHERE subscription_id = ? ORDER BY at DESC, id DESC LIMIT ?""",
                rs -> new Failure(Db.instant(rs, "at"), Db.uuid(rs, "message_id"), rs.getString("event_type"),
                        rs.getInt("attempt"), Db.intOrNull(rs, "status_code"), rs.getString("error")),
                id, FAILURES_LISTED);
        long delivered = db.count(
                "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND status = 'DELIVERED'", id);
        long pending = db.count(
                "SELECT count(*) FROM webhook_delivery WHERE subscription_id = ? AND status = 'PENDING'", id);
        return new Detail(s.id(), s.url(), s.kinds(), s.status(), s.createdAt(), s.createdBy(),
                s.consecutiveFailures(), s.disabledAt(), s.disabledReason(), delivered, pending, failures);
    }

    /** Deletes the subscription with its queued deliveries and failures; nothing more is sent to it. */
    public void delete(Caller who, String rawId) {
        UUID id = parse(rawId);
        if (db.update("DELETE FROM webhook_subscription WHERE id = ? AND district = ?", id,
                who.requireDistrict()) == 0) {
            throw notFound();
        }
        LOG.infof("Webhook subscription %s deleted by %s", id, who.id());
    }

    private static UUID parse(String rawId) {
        return Ids.parse(rawId).orElseThrow(WebhookSubscriptions::notFound);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("Webhook subscription");
    }
}
