package io.heartline.crisis.alert;

import java.util.UUID;

/**
 * Called in the same transaction as every alert change that district systems may subscribe to (raised, escalated,
 * acknowledged, unanswered), with the same payload as the {@code heartline.crisis} event (ids and codes only).
 * The webhook package implements it ({@code WebhookAlertNotifier}); alerts never depend on webhooks.
 */
public interface AlertNotifier {

    /** One alert change: {@code kind} is the alert kind, {@code eventType} the {@code heartline.crisis.alert-*} type. */
    record Notice(String district, String kind, String eventType, UUID messageId, String json) {
    }

    void notify(Notice notice);
}
