package io.heartline.crisis.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heartline.crisis.CrisisConfig;
import io.heartline.crisis.Db;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the live streams' feed ({@code alert_change}, a row per change and person) from growing without end: rows
 * older than {@code heartline.crisis.alerts.feed-retention} are deleted once an hour. The feed only serves resumption
 * of streams; alerts, their recipients and acknowledgements stay.
 */
@ApplicationScoped
public class FeedRetention {

    private static final Logger LOG = Logger.getLogger(FeedRetention.class);

    private final Db db;
    private final Clock clock;
    private final CrisisConfig config;

    FeedRetention(Db db, Clock clock, CrisisConfig config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "crisis-alert-feed-retention", every = "1h", delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int n = purge();
        if (n > 0) {
            LOG.infof("Alert feed: %d row(s) past retention deleted", n);
        }
    }

    /** Deletes feed rows older than the retention; returns how many. */
    public int purge() {
        Instant cutoff = clock.instant().minus(config.alerts().feedRetention());
        return db.update("DELETE FROM alert_change WHERE at < ?", Timestamp.from(cutoff));
    }
}
