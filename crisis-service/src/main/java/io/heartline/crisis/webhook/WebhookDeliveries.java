package io.heartline.crisis.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.Ids;

/**
 * The entry point for the alerts code: queues one delivery per matching active subscription of the district in the
 * caller's transaction, so that a committed alert change always reaches its subscribers and a rolled-back one never
 * does. The worker ({@link WebhookWorker}) sends them after commit.
 *
 * <pre>
 * String body = WebhookPayload.alert("alert.raised", now, new WebhookPayload.AlertData(...));
 * deliveries.enqueue(district, "CRITICAL_SCREENING", "alert.raised", eventId, body);   // inside @Transactional
 * </pre>
 *
 * The message id becomes the {@code webhook-id} header: the same for every retry and every subscription, so a
 * receiver can deduplicate; queuing the same message twice for a subscription is a no-op.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private static final Object WAKE_REGISTERED = new Object();

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private final WebhookWakeup wakeup;

    WebhookDeliveries(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, Clock clock,
            WebhookWakeup wakeup) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.clock = clock;
        this.wakeup = wakeup;
    }

    /**
     * In the current JTA transaction ({@code @Transactional}, {@code QuarkusTransaction}).
     *
     * @return deliveries queued
     * @throws IllegalStateException outside a transaction
     * @throws IllegalArgumentException for a body outside the allowed shape ({@link WebhookPayload#check})
     */
    public int enqueue(String district, String kind, String eventType, UUID messageId, String jsonBody) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("WebhookDeliveries.enqueue needs an active transaction");
        }
        try (Connection c = dataSource.getConnection()) {
            return enqueue(c, district, kind, eventType, messageId, jsonBody);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot queue webhook deliveries", e);
        }
    }

    /**
     * For the alerts code's {@code heartline.crisis.alert-*} events: the event's data projected onto the webhook
     * body ({@link WebhookPayload#fromAlertEvent}: type {@code alert.raised}, …; person ids dropped), timestamped now,
     * queued in the current JTA transaction. The event id is the message id.
     */
    public int enqueueAlertEvent(String district, String kind, String cloudEventType, UUID eventId,
            String eventDataJson) {
        WebhookPayload.Mapped m = WebhookPayload.fromAlertEvent(cloudEventType, clock.instant(), eventDataJson);
        return enqueue(district, kind, m.eventType(), eventId, m.body());
    }

    /**
     * On the caller's connection, in whatever transaction it is in (the JTA one when it came from the datasource
     * inside one, which also wakes the worker after commit).
     */
    public int enqueue(Connection c, String district, String kind, String eventType, UUID messageId,
            String jsonBody) throws SQLException {
        WebhookPayload.check(eventType, kind, jsonBody);
        if (district == null || messageId == null) {
            throw new IllegalArgumentException("district and message id are required");
        }
        // FOR KEY SHARE: a concurrent DELETE of a subscription waits for this transaction (and then cascades to the
        // rows queued here) instead of failing the alert's transaction on the foreign key.
        List<UUID> subscriptions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id FROM webhook_subscription
                WHERE district = ? AND status = 'ACTIVE' AND (cardinality(kinds) = 0 OR ? = ANY (kinds))
                FOR KEY SHARE""")) {
            ps.setString(1, district);
            ps.setString(2, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    subscriptions.add(rs.getObject(1, UUID.class));
                }
            }
        }
        if (subscriptions.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int queued = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO webhook_delivery (id, subscription_id, message_id, event_type, kind, body, status,
                    created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) ON CONFLICT (subscription_id, message_id) DO NOTHING""")) {
            for (UUID s : subscriptions) {
                ps.setObject(1, Ids.next());
                ps.setObject(2, s);
                ps.setObject(3, messageId);
                ps.setString(4, eventType);
                ps.setString(5, kind);
                ps.setString(6, jsonBody);
                ps.setTimestamp(7, Timestamp.from(now));
                ps.setTimestamp(8, Timestamp.from(now));
                ps.addBatch();
            }
            for (int n : ps.executeBatch()) {
                queued += Math.max(n, 0);
            }
        }
        wakeAfterCommit();
        return queued;
    }

    private void wakeAfterCommit() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return; // a plain JDBC transaction: the worker's poll picks the rows up
        }
        if (transactions.getResource(WAKE_REGISTERED) == null) {
            transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        wakeup.wake();
                    }
                }
            });
        }
    }
}
