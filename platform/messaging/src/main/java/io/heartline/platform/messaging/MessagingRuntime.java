package io.heartline.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.TransactionManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Starts and stops the service's outbox relay and one inbox consumer per {@link EventHandler} bean, with producer and
 * consumer settings taken from the {@code kafka.*} configuration.
 */
@ApplicationScoped
public class MessagingRuntime {

    private static final Logger LOG = Logger.getLogger(MessagingRuntime.class);

    private final AgroalDataSource dataSource;
    private final TransactionManager transactionManager;
    private final MessagingConfig config;
    private final Map<String, Object> kafka;
    private final Instance<EventHandler> handlers;
    private final MeterRegistry meters;

    private Producer<String, byte[]> producer;
    private OutboxRelay relay;
    private final List<InboxConsumer> consumers = new ArrayList<>();
    private volatile OutboxBacklog lastBacklog = new OutboxBacklog(0, Duration.ZERO);
    private volatile Instant lastBacklogAt = Instant.EPOCH;

    MessagingRuntime(AgroalDataSource dataSource, TransactionManager transactionManager, MessagingConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka, @Any Instance<EventHandler> handlers,
            MeterRegistry meters) {
        this.dataSource = dataSource;
        this.transactionManager = transactionManager;
        this.config = config;
        this.kafka = kafka;
        this.handlers = handlers;
        this.meters = meters;
    }

    void onStart(@Observes StartupEvent start) {
        producer = newProducer("outbox");
        if (config.relay().enabled()) {
            relay = newRelay("main", producer);
            relay.start();
        }
        if (config.consumer().enabled()) {
            for (EventHandler handler : handlers) {
                InboxConsumer consumer = newInboxConsumer(handler);
                consumer.start();
                consumers.add(consumer);
            }
        }
        Gauge.builder("heartline.outbox.pending", this, r -> r.backlog().pending())
                .description("Outbox events not yet acknowledged by the broker").register(meters);
        Gauge.builder("heartline.outbox.oldest.pending.age.seconds", this, r -> r.backlog().oldestAge().toMillis() / 1000.0)
                .description("Age of the oldest unsent outbox event").register(meters);
        LOG.infof("Messaging started for %s: relay %s, %d consumer(s)", config.service(),
                relay != null ? "on" : "off", consumers.size());
    }

    void onStop(@Observes ShutdownEvent stop) {
        consumers.forEach(InboxConsumer::close);
        consumers.clear();
        if (relay != null) {
            relay.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The relay and consumers that should be running, for the readiness check. */
    List<LoopThread> workers() {
        List<LoopThread> all = new ArrayList<>(consumers);
        if (relay != null) {
            all.add(relay);
        }
        return all;
    }

    void wakeRelay() {
        if (relay != null) {
            relay.wake();
        }
    }

    /**
     * A relay over this service's outbox with its own name; every relay of the service shares one lock, so running
     * several (as several instances do) never publishes out of order.
     */
    public OutboxRelay newRelay(String name, Producer<String, byte[]> producer) {
        MessagingConfig.Relay r = config.relay();
        return new OutboxRelay(dataSource, producer, new OutboxRelay.Settings(config.service() + "-" + name,
                lockKey(), r.batchSize(), r.pollInterval(), r.sendTimeout(), r.retention(),
                config.consumer().inboxRetention()));
    }

    /** An idempotent, fully acknowledged producer that sends at once (linger 1 ms). */
    public Producer<String, byte[]> newProducer(String purpose) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) Math.max(5000, config.relay().sendTimeout().toMillis()));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.service() + "-" + purpose + "-" + UUID.randomUUID());
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** An inbox consumer for the handler, not started (the runtime starts one per handler bean itself). */
    InboxConsumer newInboxConsumer(EventHandler handler) {
        return new InboxConsumer(handler, newConsumer(handler), producer, this::inNewTransaction,
                new InboxConsumer.Settings(config.consumer().maxAttempts(), config.consumer().retryBackoff(),
                        Duration.ofMillis(200), config.consumer().commitInterval()));
    }

    private KafkaConsumer<String, byte[]> newConsumer(EventHandler handler) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.service() + "." + handler.consumerName());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, config.service() + "-" + handler.consumerName() + "-" + UUID.randomUUID());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // One poll is one transaction (InboxConsumer): big enough to amortise the commit, small enough to redo alone.
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.consumer().maxBatch());
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void inNewTransaction(TransactionRunner.Work work) throws Exception {
        transactionManager.begin();
        try (Connection c = dataSource.getConnection()) {
            work.run(c);
        } catch (Exception | Error e) {
            transactionManager.rollback();
            throw e;
        }
        transactionManager.commit();
    }

    /** Pending outbox rows, refreshed at most once a second so that scrapes stay cheap. */
    public OutboxBacklog backlog() {
        if (Instant.now().isAfter(lastBacklogAt.plusSeconds(1))) {
            try (Connection c = dataSource.getConnection()) {
                lastBacklog = OutboxStore.backlog(c);
                lastBacklogAt = Instant.now();
            } catch (SQLException e) {
                LOG.debugf("Outbox backlog unavailable: %s", e.getMessage());
            }
        }
        return lastBacklog;
    }

    private long lockKey() {
        // Stable per service: every instance of one service competes for the same advisory lock.
        return UUID.nameUUIDFromBytes(("heartline-outbox-" + config.service()).getBytes(StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }
}
