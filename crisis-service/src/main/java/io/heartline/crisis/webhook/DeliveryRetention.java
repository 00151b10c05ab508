package io.heartline.crisis.webhook;

import java.sql.Timestamp;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.heartline.crisis.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes finished webhook deliveries (delivered, failed, cancelled) and failure records older than
 * {@code heartline.crisis.webhooks.delivery.retention}, once an hour; pending deliveries are never touched.
 */
@ApplicationScoped
public class DeliveryRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);

    private final Db db;
    private final Clock clock;
    private final WebhookConfig config;

    DeliveryRetention(Db db, Clock clock, WebhookConfig config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "crisis-webhook-retention", every = "1h", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int n = purge();
        if (n > 0) {
            LOG.infof("Webhooks: %d delivery and failure row(s) past retention deleted", n);
        }
    }

    /** Deletes what is past retention; returns how many rows. */
    @Transactional
    public int purge() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(config.delivery().retention()));
        return db.update("DELETE FROM webhook_delivery WHERE status <> 'PENDING' AND created_at < ?", cutoff)
                + db.update("DELETE FROM webhook_failure WHERE at < ?", cutoff);
    }
}
