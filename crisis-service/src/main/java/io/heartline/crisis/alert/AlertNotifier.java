package io.heartline.crisis.alert;

import java.util.UUID;

/**
 * Called in the same transaction as every alert change that district systems may subscribe to (raised, escalated,
 * acknowledged, unanswered), with the same payload as the {@code heartline.crisis} event (ids and codes only).
 *
 * <p><b>Webhooks are wired here.</b> The default bean {@link NoWebhooks} does nothing; after merging the webhook
 * package ({@code io.heartline.crisis.webhook}, migration V5), replace it with an implementation that calls
 * {@code WebhookDeliveries.enqueue(connection, n.district(), n.kind(), n.eventType(), n.messageId(), n.json())}
 * (the connection taken from the datasource inside the current transaction is the enlisted one).
 */
public interface AlertNotifier {

    /** One alert change: {@code kind} is the alert kind, {@code eventType} the {@code heartline.crisis.alert-*} type. */
    record Notice(String district, String kind, String eventType, UUID messageId, String json) {
    }

    void notify(Notice notice);
}
