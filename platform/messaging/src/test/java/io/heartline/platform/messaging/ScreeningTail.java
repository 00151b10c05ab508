package io.heartline.platform.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.SharedInfra;

/** The relay benchmarks' view of the topic: a consumer at its end, and the time each probe event arrived. */
final class ScreeningTail {

    private ScreeningTail() {
    }

    /** A consumer positioned at the current end of the topic, resolved now, before writing starts. */
    static KafkaConsumer<String, byte[]> open() {
        SharedInfra.kafka().ensureTopic(Topics.SCREENING);
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = c.partitionsFor(Topics.SCREENING).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        c.assign(partitions);
        c.seekToEnd(partitions);
        partitions.forEach(c::position);
        return c;
    }

    /** One short poll: records the first arrival time (nanoTime) of each probe event. */
    static void receive(KafkaConsumer<String, byte[]> consumer, Map<UUID, Long> receivedAt) {
        consumer.poll(Duration.ofMillis(20)).forEach(r -> {
            long now = System.nanoTime();
            UUID id = Probes.idOf(r);
            if (id != null) {
                receivedAt.putIfAbsent(id, now);
            }
        });
    }
}
