package io.heartline.crisis.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.crisis.alert.AlertNotifier;

/** Every alert change district systems may subscribe to is queued for their webhooks in the change's transaction. */
@ApplicationScoped
public class WebhookAlertNotifier implements AlertNotifier {

    private final WebhookDeliveries deliveries;

    WebhookAlertNotifier(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void notify(Notice n) {
        deliveries.enqueueAlertEvent(n.district(), n.kind(), n.eventType(), n.messageId(), n.json());
    }
}
