package io.heartline.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Publishes committed {@code outbox_event} rows to Kafka and marks them sent once the broker acknowledged them.
 * <ul>
 * <li>Prompt: {@link #wake()} after a commit starts a pass at once; a short poll is the safety net.</li>
 * <li>Ordered: one relay per database publishes at a time (a transaction-scoped advisory lock), rows go out in append
 * order, and a key whose send failed has none of its later events marked sent in that pass.</li>
 * <li>Durable: failures leave rows unsent; passes retry with growing backoff until the broker is back.</li>
 * </ul>
 */
public final class OutboxRelay extends LoopThread {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /** Relay settings; {@code lockKey} must be the same for every instance of one service. */
    public record Settings(String name, long lockKey, int batchSize, Duration pollInterval, Duration sendTimeout,
            Duration retention, Duration inboxRetention) {
    }

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final Settings settings;
    private final Semaphore wakeups = new Semaphore(0);
    private Instant nextCleanup = Instant.now();

    public OutboxRelay(DataSource dataSource, Producer<String, byte[]> producer, Settings settings) {
        super("outbox-relay-" + settings.name());
        this.dataSource = dataSource;
        this.producer = producer;
        this.settings = settings;
    }

    /** Asks for a pass now (called after a transaction that appended events commits). Cheap and non-blocking. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    @Override
    protected void loop() {
        Duration backoff = settings.pollInterval();
        while (running()) {
            try {
                wakeups.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
                if (!running()) {
                    break;
                }
                drain();
                cleanupIfDue();
                backoff = settings.pollInterval();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
                LOG.warnf("Outbox relay %s: pass failed (%s); next try in %d ms", settings.name(), e.getMessage(),
                        backoff.toMillis());
            }
        }
    }

    /** Publishes until nothing is left or a pass could not finish. */
    void drain() throws SQLException, InterruptedException {
        PassResult r;
        do {
            r = publishPass();
            if (r.failed() > 0) {
                throw new IllegalStateException(r.failed() + " event(s) not acknowledged by the broker");
            }
        } while (running() && r.sent() == settings.batchSize());
    }

    record PassResult(int sent, int failed) {
    }

    /** One pass: under the lock, publish the oldest unsent rows and mark the acknowledged ones sent. */
    PassResult publishPass() throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (!OutboxStore.tryLeadership(c, settings.lockKey())) {
                    c.rollback();
                    return new PassResult(0, 0);
                }
                List<OutboxStore.PendingRow> rows = OutboxStore.nextBatch(c, settings.batchSize());
                PassResult result = rows.isEmpty() ? new PassResult(0, 0) : publish(c, rows);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private PassResult publish(Connection c, List<OutboxStore.PendingRow> rows)
            throws SQLException, InterruptedException {
        List<Future<?>> acks = new ArrayList<>(rows.size());
        RuntimeException refused = null;
        for (OutboxStore.PendingRow row : rows) {
            if (refused == null) {
                try {
                    acks.add(producer.send(toRecord(row)));
                    continue;
                } catch (RuntimeException e) {
                    // E.g. no metadata while the broker is away: each further send would block as long again.
                    refused = e;
                }
            }
            acks.add(CompletableFuture.failedFuture(refused));
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        List<Long> sent = new ArrayList<>();
        Set<String> failedKeys = new HashSet<>();
        int failed = 0;
        for (int i = 0; i < rows.size(); i++) {
            OutboxStore.PendingRow row = rows.get(i);
            boolean acked = awaitAck(acks.get(i), deadline, row, c);
            if (!acked) {
                failedKeys.add(row.key());
                failed++;
            } else if (!failedKeys.contains(row.key())) {
                // A later event of a key whose earlier one failed stays unsent, so per-key order survives retries.
                sent.add(row.seq());
            }
        }
        OutboxStore.markSent(c, sent);
        return new PassResult(sent.size(), failed);
    }

    private boolean awaitAck(Future<?> ack, long deadline, OutboxStore.PendingRow row, Connection c)
            throws SQLException, InterruptedException {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            OutboxStore.recordFailure(c, row.seq(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return false;
        }
    }

    private static ProducerRecord<String, byte[]> toRecord(OutboxStore.PendingRow row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", row.eventId().toString().getBytes(StandardCharsets.UTF_8));
        if (row.traceparent() != null) {
            record.headers().add("traceparent", row.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        if (row.requestId() != null) {
            record.headers().add("X-Request-Id", row.requestId().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private void cleanupIfDue() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(Duration.ofMinutes(10));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            int sent = OutboxStore.deleteSentBefore(c, now.minus(settings.retention()));
            int processed = InboxStore.deleteProcessedBefore(c, now.minus(settings.inboxRetention()));
            LOG.debugf("Outbox relay %s: deleted %d sent and %d processed rows past retention", settings.name(), sent,
                    processed);
        }
    }

    /** Unsent rows and the age of the oldest one. */
    public OutboxBacklog backlog() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return OutboxStore.backlog(c);
        }
    }

    @Override
    protected void interruptWait() {
        wake();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
