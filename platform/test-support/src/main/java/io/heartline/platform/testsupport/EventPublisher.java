package io.heartline.platform.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.heartline.platform.events.EventSchemas;
import io.heartline.platform.events.OutgoingEvent;

/**
 * Plays another service in consumer tests: publishes built events to their topic on the shared test broker,
 * synchronously, through one producer per test JVM. Every event is checked against its schema first, so consumer
 * tests feed only what the contract allows.
 */
public final class EventPublisher {

    private static Producer<String, byte[]> producer;

    private EventPublisher() {
    }

    public static void publish(OutgoingEvent e) {
        List<String> problems = EventSchemas.get().validate(e.payload());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("test event " + e.type() + " is not schema-valid: " + problems);
        }
        try {
            producer().send(new ProducerRecord<>(e.topic(), e.key(), e.payload())).get();
        } catch (InterruptedException | ExecutionException ex) {
            throw new IllegalStateException("Cannot publish " + e.type(), ex);
        }
    }

    private static synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of("bootstrap.servers", SharedInfra.kafka().bootstrapServers(),
                    "acks", "all", "linger.ms", 0), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
