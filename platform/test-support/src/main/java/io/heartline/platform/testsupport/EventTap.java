package io.heartline.platform.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import io.heartline.platform.events.EventSchemas;
import io.heartline.platform.events.IncomingEvent;

/**
 * A subscriber to a topic for the whole test JVM: a background thread reads every partition from the beginning and
 * keeps each record with the moment it arrived, so tests can check contents, schema validity, counts and
 * how soon an event became visible.
 */
public final class EventTap {

    /** One record as a subscriber saw it ({@code event().requestId()} from its X-Request-Id header). */
    public record Seen(String key, byte[] raw, IncomingEvent event, long receivedNanos) {
        /** Validated when asked, so that reading stays cheap under benchmark load. */
        public List<String> schemaProblems() {
            return EventSchemas.get().validate(raw);
        }

        public String data(String field) {
            var node = event.data().get(field);
            return node == null || node.isNull() ? null : node.asText();
        }
    }

    private static final Map<String, EventTap> TAPS = new java.util.concurrent.ConcurrentHashMap<>();

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private EventTap(String topic) {
        String servers = SharedInfra.kafka().bootstrapServers();
        ensureTopic(servers, topic);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "test-tap-" + UUID.randomUUID()),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Thread.ofPlatform().daemon().name("event-tap-" + topic).start(() -> {
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    IncomingEvent event;
                    try {
                        var requestId = r.headers().lastHeader("X-Request-Id");
                        event = IncomingEvent.parse(r.value()).withRequestId(requestId == null ? null
                                : new String(requestId.value(), java.nio.charset.StandardCharsets.UTF_8));
                    } catch (RuntimeException e) {
                        continue; // not an event (e.g. poison test records); tests look for those elsewhere
                    }
                    seen.add(new Seen(r.key(), r.value(), event, now));
                }
            }
        });
    }

    public static EventTap of(String topic) {
        return TAPS.computeIfAbsent(topic, EventTap::new);
    }

    public List<Seen> all() {
        return List.copyOf(seen);
    }

    public List<Seen> matching(Predicate<Seen> filter) {
        return seen.stream().filter(filter).toList();
    }

    /** Events whose data field has this value (e.g. {@code referralId}), in topic order. */
    public List<Seen> forData(String field, Object value) {
        String wanted = String.valueOf(value);
        return matching(s -> wanted.equals(s.data(field)));
    }

    /** Waits until at least {@code atLeast} events carry {@code field = value}; returns them. */
    public List<Seen> awaitData(String field, Object value, int atLeast, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> forData(field, value).size() >= atLeast);
        return forData(field, value);
    }

    /** Events about one person (the record key and CloudEvents subject), in topic order. */
    public List<Seen> forSubject(String subjectId) {
        return matching(s -> subjectId.equals(s.key()));
    }

    public List<Seen> await(Predicate<Seen> filter, int atLeast, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> matching(filter).size() >= atLeast);
        return matching(filter);
    }

    public static List<String> types(List<Seen> events) {
        List<String> types = new ArrayList<>();
        events.forEach(s -> types.add(s.event().type()));
        return types;
    }

    private static void ensureTopic(String servers, String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(Set.of(new NewTopic(topic, 3, (short) 1))).all().get();
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
