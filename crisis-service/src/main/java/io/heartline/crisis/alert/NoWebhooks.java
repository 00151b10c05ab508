package io.heartline.crisis.alert;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;

/** The {@link AlertNotifier} until webhooks are merged: nothing to notify. TODO(lead): replace with WebhookDeliveries. */
@DefaultBean
@ApplicationScoped
public class NoWebhooks implements AlertNotifier {

    @Override
    public void notify(Notice notice) {
        // intentionally empty: webhook delivery lives in io.heartline.crisis.webhook (another branch)
    }
}
