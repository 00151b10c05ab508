package io.heartline.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
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
 * The consumer side of "nothing lost, nothing twice": a poll loop that, per record, runs the handler and the inbox
 * insert in one transaction, retries a failing handler a bounded number of times, then parks the record on
 * {@code <topic>.<consumer>.dlq} with the error in headers and moves on. Offsets are committed only after the records
 * before them were handled or parked.
 */
public final class InboxConsumer extends LoopThread {

    private static final Logger LOG = Logger.getLogger(InboxConsumer.class);

    public static final String H_ERROR = "heartline-dlq-error";
    public static final String H_EXCEPTION = "heartline-dlq-exception";
    public static final String H_ORIGINAL = "heartline-dlq-original";
    public static final String H_ATTEMPTS = "heartline-dlq-attempts";
    private static final long MAX_OUTAGE_BACKOFF_MS = 5_000;

    /** @param maxAttempts handler attempts before the record goes to the dead-letter topic */
    public record Settings(int maxAttempts, Duration retryBackoff, Duration pollTimeout) {
    }

    private final EventHandler handler;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> deadLetters;
    private final TransactionRunner transactions;
    private final Settings settings;

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
            consumer.subscribe(List.copyOf(handler.topics()));
            while (running()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                try {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        if (!running()) {
                            break;
                        }
                        process(record);
                        done.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
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
                commit(done);
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Inbox consumer %s stopped", handler.consumerName());
        } finally {
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

    private void commit(Map<TopicPartition, OffsetAndMetadata> done) {
        if (done.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(done);
        } catch (org.apache.kafka.common.KafkaException e) {
            // E.g. a rebalance moved the partition: its new owner re-reads these records and the inbox skips them.
            LOG.warnf("Inbox consumer %s: offset commit failed (%s)", handler.consumerName(), e.getMessage());
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        IncomingEvent event;
        try {
            event = IncomingEvent.parse(record.value()).withRequestId(header(record, "X-Request-Id"));
        } catch (MalformedEventException e) {
            deadLetter(record, e, 0);
            return;
        }
        if (event.requestId() != null) {
            MDC.put("requestId", event.requestId());
        }
        try {
            handle(record, event);
        } finally {
            MDC.remove("requestId");
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void handle(ConsumerRecord<String, byte[]> record, IncomingEvent event) throws InterruptedException {
        if (!handler.eventTypes().contains(event.type())) {
            return;
        }
        List<String> problems = EventSchemas.get().validate(record.value());
        if (!problems.isEmpty()) {
            deadLetter(record, new MalformedEventException("schema: " + String.join("; ", problems)), 0);
            return;
        }
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
