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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Publishes committed {@code outbox_event} rows to Kafka without ever writing to them: the outbox is append-only and
 * the relay keeps a position instead of marking rows sent.
 * <ul>
 * <li>Position: every seq at or below the durable position (the {@code outbox_relay_position} sequence) is published
 * or can never appear. Above it the relay remembers in memory how far it published ({@code high}) and which seqs it
 * found missing below that ({@code gaps}): a missing seq belongs to a transaction still in flight (it will commit out
 * of sequence order) or to one that rolled back. A gap stays until its row shows up (then it is published) or until
 * every transaction of this database that could hold it has ended (then it can never show up). The position moves up
 * to just below the oldest open gap.</li>
 * <li>Prompt: {@link #wake()} after a commit starts a pass at once; a short poll is the safety net. Rows committed
 * out of order are published as soon as they are visible, so a long transaction never holds others back.</li>
 * <li>Ordered: one relay per database publishes at a time (a transaction-scoped advisory lock); a pass sends its rows
 * in seq order and advances only over the prefix the broker acknowledged, so a retry resends in order.</li>
 * <li>Durable: a failure leaves the position where it was; passes retry with growing backoff until the broker is back.
 * Another instance (or a restart) that finds a position it did not write starts from it and resends what lies above
 * (at-least-once; consumers' inboxes absorb the copies).</li>
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
        } while (running() && r.read() >= settings.batchSize());
    }

    /** @param read rows read after {@code high} (a full batch means more may wait) */
    record PassResult(int sent, int failed, int read) {
    }

    /** In-memory progress above the durable position; valid only while nobody else moved the position. */
    private static final class Progress {
        /** The durable position this relay last read or wrote. */
        long position;
        /** Every seq in (position, high] is published, except those in {@link #gaps}. */
        long high;
        /** Missing seqs below {@code high}, each with the xmax of the snapshot that found it missing. */
        final TreeMap<Long, Long> gaps = new TreeMap<>();

        Progress(long position) {
            this.position = position;
            this.high = position;
        }
    }

    /** At most this many open gaps are re-read per pass (oldest first): thousands only after a bulk rollback. */
    private static final int MAX_GAPS_PER_PASS = 2_000;

    /**
     * A pass that published rows moves the durable position only if it last moved this long ago; an idle pass always
     * moves it. Most passes under load then commit read-only (no transaction id, no WAL); the price is that a restart
     * or a new leader re-sends up to this much, which consumers' inboxes absorb.
     */
    static final long POSITION_WRITE_INTERVAL_NANOS = Duration.ofMillis(50).toNanos();

    private Progress progress;
    private long positionWrittenAt = System.nanoTime() - POSITION_WRITE_INTERVAL_NANOS;
    private volatile String lastError;

    /** One pass: under the lock, publish the rows after {@code high} and the gaps that filled, then move on. */
    PassResult publishPass() throws SQLException, InterruptedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                OutboxStore.PassStart start = OutboxStore.startPass(c, settings.lockKey(),
                        progress != null && !progress.gaps.isEmpty());
                if (!start.leader()) {
                    c.rollback();
                    return new PassResult(0, 0, 0);
                }
                if (progress == null || progress.position != start.position()) {
                    // First pass, or another instance published meanwhile: start from the durable position.
                    progress = new Progress(start.position());
                }
                Progress p = progress;
                // Gaps whose every possible holder has ended are read once more below; if still missing, they are
                // gone for good. Read after startPass, so a holder that committed before that is visible here.
                Long[] recheck = p.gaps.keySet().stream().limit(MAX_GAPS_PER_PASS).toArray(Long[]::new);
                Set<Long> settled = new HashSet<>();
                for (Long seq : recheck) {
                    if (p.gaps.get(seq) <= start.inFlightFloor()) {
                        settled.add(seq);
                    }
                }
                OutboxStore.Batch batch = OutboxStore.nextBatch(c, p.high, settings.batchSize(), recheck);
                batch.rows().forEach(row -> settled.remove(row.seq())); // showed up: publish decides
                PassResult result = publish(p, batch);
                settled.forEach(p.gaps::remove); // ended without committing it: this seq can never appear
                long position = p.gaps.isEmpty() ? p.high : p.gaps.firstKey() - 1;
                boolean due = batch.rows().isEmpty()
                        || System.nanoTime() - positionWrittenAt >= POSITION_WRITE_INTERVAL_NANOS;
                if (position > p.position && due) {
                    OutboxStore.setPosition(c, position);
                    p.position = position;
                    positionWrittenAt = System.nanoTime();
                }
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | InterruptedException e) {
                progress = null; // unsure what was written: re-read the durable position next time
                c.rollback();
                throw e;
            }
        }
    }

    private PassResult publish(Progress p, OutboxStore.Batch batch) throws InterruptedException {
        List<OutboxStore.PendingRow> rows = batch.rows();
        if (rows.isEmpty()) {
            return new PassResult(0, 0, 0);
        }
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
        int sent = 0;
        int read = 0;
        int failed = 0;
        boolean prefix = true;
        for (int i = 0; i < rows.size(); i++) {
            OutboxStore.PendingRow row = rows.get(i);
            boolean gapRow = row.seq() <= p.high;
            if (!gapRow) {
                read++;
            }
            if (!awaitAck(acks.get(i), deadline)) {
                failed++;
                prefix = false;
            } else if (prefix) {
                // Progress covers only the acknowledged prefix: a retry resends from the first failure, in order.
                sent++;
                if (gapRow) {
                    p.gaps.remove(row.seq());
                } else {
                    for (long missing = p.high + 1; missing < row.seq(); missing++) {
                        p.gaps.put(missing, batch.snapshotXmax());
                    }
                    p.high = row.seq();
                }
            }
        }
        return new PassResult(sent, failed, read);
    }

    private boolean awaitAck(Future<?> ack, long deadline) throws InterruptedException {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return false;
        }
    }

    /** The last broker failure seen (diagnostics), or null. */
    public String lastError() {
        return lastError;
    }

    private static ProducerRecord<String, byte[]> toRecord(OutboxStore.PendingRow row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", row.eventId().toString().getBytes(StandardCharsets.UTF_8));
        // The type beside the id, so that a consumer skips types it does not handle without parsing the event.
        record.headers().add(InboxConsumer.H_TYPE, row.type().getBytes(StandardCharsets.UTF_8));
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
        cleanup(now);
    }

    /** Empties outbox slots that are fully published and past retention; deletes inbox rows past theirs. */
    void cleanup(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            List<Integer> slots = OutboxStore.truncatePublishedSlots(c, now.minus(settings.retention()));
            int processed = InboxStore.deleteProcessedBefore(c, now.minus(settings.inboxRetention()));
            LOG.debugf("Outbox relay %s: emptied outbox slots %s, deleted %d processed rows past retention",
                    settings.name(), slots, processed);
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
