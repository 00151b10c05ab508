package io.heartline.platform.testsupport;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.heartline.platform.events.OutgoingEvent;

/** Plays another service: publishes built events to their topic on the shared test broker, synchronously. */
public final class EventPublisher implements AutoCloseable {

    private final Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            "bootstrap.servers", SharedInfra.kafka().bootstrapServers(), "acks", "all", "linger.ms", 0),
            new StringSerializer(), new ByteArraySerializer());

    public EventPublisher publish(OutgoingEvent e) {
        try {
            producer.send(new ProducerRecord<>(e.topic(), e.key(), e.payload())).get();
        } catch (InterruptedException | ExecutionException ex) {
            throw new IllegalStateException("Cannot publish " + e.type(), ex);
        }
        return this;
    }

    @Override
    public void close() {
        producer.close();
    }
}
