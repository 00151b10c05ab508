package io.heartline.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.heartline.platform.events.EventSchemas;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.MalformedEventException;
import io.heartline.platform.events.Topics;

/**
 * The consumer side of "nothing lost, nothing twice": a poll loop that runs the handler and the inbox insert of a
 * poll's records in one transaction; when that fails, it handles them one by one, retrying a failing handler a bounded
 * number of times, then parks the record on {@code <topic>.<consumer>.dlq} with the error in headers and moves on.
 * Offsets are committed only after the records before them were handled or parked, and at most every
 * {@code commitInterval} while records keep coming (at once when the topic goes quiet, when partitions are revoked
 * and on close): a commit is a broker round trip and a write to the group's offsets, and per poll it was a large part
 * of the broker's work per event. What a crash leaves uncommitted is read again and skipped by the inbox.
 */
public final class InboxConsumer extends LoopThread {

    private static final Logger LOG = Logger.getLogger(InboxConsumer.class);

    /** The event's CloudEvents type, a copy of the envelope's {@code type} the relay puts beside {@code ce_id}. */
    public static final String H_TYPE = "ce_type";
    public static final String H_ERROR = "heartline-dlq-error";
    public static final String H_EXCEPTION = "heartline-dlq-exception";
    public static final String H_ORIGINAL = "heartline-dlq-original";
    public static final String H_ATTEMPTS = "heartline-dlq-attempts";
    private static final long MAX_OUTAGE_BACKOFF_MS = 5_000;

    /**
     * @param maxAttempts handler attempts before the record goes to the dead-letter topic
     * @param commitInterval how long handled offsets may wait to be committed while records keep coming
     */
    public record Settings(int maxAttempts, Duration retryBackoff, Duration pollTimeout, Duration commitInterval) {
    }

    private final EventHandler handler;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> deadLetters;
    private final TransactionRunner transactions;
    private final Settings settings;
    /** Handled (or parked) offsets not committed yet; only the consumer thread touches it. */
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private long lastCommitNanos = System.nanoTime();

    public InboxConsumer(EventHandler handler, Consumer<String, byte[]> consumer,
            Producer<String, byte[]> deadLetters, TransactionRunner transactions, Settings settings) {
        super("inbox-" + handler.consumerName());
        this.handler = handler;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.settings = settings;
    }

    @Override
    protected void loop() {
        try {
            consumer.subscribe(List.copyOf(handler.topics()), new CommitOnRevoke());
            while (running()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
                if (records.isEmpty()) {
                    commit(); // quiet: nothing to coalesce with
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                try {
                    processPoll(records, done);
                } catch (RetryLaterException e) {
                    LOG.warnf("Inbox consumer %s: %s; will retry the record", handler.consumerName(), e.getMessage());
                    rewind(records, done);
                    pause();
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // A bug or an unexpected client failure must not stop intake for good: retry from the record
                    // that failed, after a pause.
                    LOG.errorf(e, "Inbox consumer %s: unexpected failure; retrying", handler.consumerName());
                    rewind(records, done);
                    pause();
                }
                uncommitted.putAll(done);
                if (System.nanoTime() - lastCommitNanos >= settings.commitInterval().toNanos()) {
                    commit();
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Inbox consumer %s stopped", handler.consumerName());
        } finally {
            commit();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void pause() throws InterruptedException {
        if (running()) {
            Thread.sleep(Math.max(settings.retryBackoff().toMillis(), 1000));
        }
    }

    /** Puts every partition of the batch back to its first record not yet handled, so nothing is skipped. */
    private void rewind(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done) {
        for (TopicPartition tp : records.partitions()) {
            if (!consumer.assignment().contains(tp)) {
                continue; // revoked meanwhile: its new owner starts from the committed offset
            }
            long next = done.containsKey(tp) ? done.get(tp).offset() : records.records(tp).get(0).offset();
            consumer.seek(tp, next);
        }
    }

    private void commit() {
        lastCommitNanos = System.nanoTime();
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(Map.copyOf(uncommitted));
        } catch (org.apache.kafka.common.KafkaException e) {
            // E.g. a rebalance moved the partition: its new owner re-reads these records and the inbox skips them.
            LOG.warnf("Inbox consumer %s: offset commit failed (%s)", handler.consumerName(), e.getMessage());
        }
        uncommitted.clear();
    }

    /** A partition about to move to another member takes its handled offsets with it; a lost one cannot. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.stream().anyMatch(uncommitted::containsKey)) {
                commit();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(uncommitted::remove);
        }
    }

    /** A record of the poll and what screening found: the event to handle, or null when it is already done. */
    private record Screened(ConsumerRecord<String, byte[]> record, IncomingEvent event) {
    }

    /**
     * Handles a poll's records in one transaction (one inbox insert for all, then the handler per new event, in
     * order), which is what lets a consumer work off a backlog quickly. If that transaction fails, nothing of it
     * happened, and the records are handled one by one with retries, so a poison record alone goes to the DLQ.
     */
    private void processPoll(ConsumerRecords<String, byte[]> records, Map<TopicPartition, OffsetAndMetadata> done)
            throws InterruptedException {
        List<Screened> screened = new ArrayList<>(records.count());
        List<Screened> toHandle = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            IncomingEvent event = screen(record);
            Screened s = new Screened(record, event);
            screened.add(s);
            if (event != null) {
                toHandle.add(s);
            }
        }
        boolean batched = toHandle.size() > 1 && handleBatch(toHandle);
        for (Screened s : screened) {
            if (!batched && !running()) {
                break; // stopping: the rest stays uncommitted and is read again by whoever owns the partition next
            }
            if (s.event() != null && !batched) {
                withRequestId(s.event(), () -> handle(s.record(), s.event()));
            }
            done.put(new TopicPartition(s.record().topic(), s.record().partition()),
                    new OffsetAndMetadata(s.record().offset() + 1));
        }
    }

    /**
     * Parses and validates a record. Unreadable or invalid records go to the DLQ at once (retrying cannot help).
     *
     * @return the event to handle, or null when there is nothing to do (other type, or parked)
     */
    private IncomingEvent screen(ConsumerRecord<String, byte[]> record) {
        String type = header(record, H_TYPE);
        if (type != null && !handler.eventTypes().contains(type)) {
            return null; // a type this handler does not handle: not even parsed (most of a topic, for most consumers)
        }
        IncomingEvent event;
        try {
            event = IncomingEvent.parse(record.value()).withRequestId(header(record, "X-Request-Id"));
        } catch (MalformedEventException e) {
            deadLetter(record, e, 0);
            return null;
        }
        if (!handler.eventTypes().contains(event.type())) {
            return null;
        }
        List<String> problems = EventSchemas.get().validate(record.value());
        if (!problems.isEmpty()) {
            deadLetter(record, new MalformedEventException("schema: " + String.join("; ", problems)), 0);
            return null;
        }
        return event;
    }

    /** @return true when every event of the batch was handled (or found handled before) in one committed transaction */
    private boolean handleBatch(List<Screened> batch) {
        try {
            transactions.inNewTransaction(connection -> {
                Set<UUID> fresh = InboxStore.markProcessedAll(connection, handler.consumerName(),
                        batch.stream().map(s -> s.event().id()).toList());
                for (Screened s : batch) {
                    if (fresh.remove(s.event().id())) { // first copy only: a duplicate in the batch acts once
                        withRequestId(s.event(), () -> handler.handle(s.event()));
                    }
                }
            });
            return true;
        } catch (Exception e) {
            LOG.debugf("Inbox consumer %s: batch of %d failed (%s); handling its records one by one",
                    handler.consumerName(), batch.size(), e.toString());
            return false;
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> void withRequestId(IncomingEvent event, Step step) throws E {
        if (event.requestId() != null) {
            MDC.put("requestId", event.requestId());
        }
        try {
            step.run();
        } catch (Exception e) {
            throw (E) e;
        } finally {
            MDC.remove("requestId");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** One record in its own transaction, with retries; after the last attempt it goes to the DLQ. */
    private void handle(ConsumerRecord<String, byte[]> record, IncomingEvent event) throws InterruptedException {
        Exception last = null;
        long outageBackoff = settings.retryBackoff().toMillis();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                transactions.inNewTransaction(connection -> {
                    if (InboxStore.markProcessed(connection, handler.consumerName(), event.id())) {
                        handler.handle(event);
                    }
                });
                return;
            } catch (MalformedEventException e) {
                deadLetter(record, e, attempt);
                return;
            } catch (Exception e) {
                if (TransientFailures.isTransient(e) && !running()) {
                    // Stopping: leave the record unhandled and uncommitted; whoever owns the partition next reads it.
                    throw new RetryLaterException("stopping while the database is failing", e);
                }
                if (TransientFailures.isTransient(e)) {
                    // The database (not the record) is failing: every record would fail alike, so wait for it
                    // instead of spending the record's attempts and parking good events on the DLQ.
                    LOG.warnf("Inbox consumer %s: event %s waits for the database (%s); retrying in %d ms",
                            handler.consumerName(), event.id(), e.toString(), outageBackoff);
                    Thread.sleep(outageBackoff);
                    outageBackoff = Math.min(outageBackoff * 2, MAX_OUTAGE_BACKOFF_MS);
                    attempt--;
                    continue;
                }
                last = e;
                LOG.warnf("Inbox consumer %s: event %s failed (attempt %d of %d): %s", handler.consumerName(),
                        event.id(), attempt, settings.maxAttempts(), e.toString());
                if (attempt < settings.maxAttempts()) {
                    Thread.sleep(settings.retryBackoff().multipliedBy(attempt).toMillis());
                }
            }
        }
        deadLetter(record, last, settings.maxAttempts());
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Exception error, int attempts) {
        String topic = Topics.deadLetter(record.topic(), handler.consumerName());
        ProducerRecord<String, byte[]> dlq = new ProducerRecord<>(topic, record.key(), record.value());
        record.headers().forEach(h -> dlq.headers().add(h));
        // Our own parse and schema messages describe the envelope; anything else is summarised without its message.
        String reason = error instanceof MalformedEventException ? error.getMessage() : TransientFailures.summary(error);
        dlq.headers().add(H_ERROR, utf8(String.valueOf(reason)));
        dlq.headers().add(H_EXCEPTION, utf8(error.getClass().getName()));
        dlq.headers().add(H_ORIGINAL, utf8(record.topic() + "/" + record.partition() + "@" + record.offset()));
        dlq.headers().add(H_ATTEMPTS, utf8(Integer.toString(attempts)));
        try {
            deadLetters.send(dlq).get();
        } catch (Exception e) {
            // Not parked means not done: stop here so the offset is not committed and the record comes back.
            throw new RetryLaterException("cannot write to " + topic + ": " + e.getMessage(), e);
        }
        LOG.errorf("Inbox consumer %s: record %s/%d@%d parked on %s: %s", handler.consumerName(), record.topic(),
                record.partition(), record.offset(), topic, reason);
    }

    /** The record cannot be finished now (DLQ unavailable, stopping during an outage): rewind, do not commit. */
    private static final class RetryLaterException extends RuntimeException {
        RetryLaterException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void interruptWait() {
        consumer.wakeup();
    }
}
