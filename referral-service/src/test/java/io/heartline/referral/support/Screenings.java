package io.heartline.referral.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.SharedInfra;
import io.heartline.referral.intake.ScreeningFlagHandler;

/** Plays screening-service: builds schema-valid risk-flagged events and publishes raw records, duplicates included. */
public final class Screenings implements AutoCloseable {

    private final Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            "bootstrap.servers", SharedInfra.kafka().bootstrapServers(), "acks", "all", "linger.ms", 0),
            new StringSerializer(), new ByteArraySerializer());

    /** A risk-flagged event for a new screening of a student at a school (null school or district: left out). */
    public static OutgoingEvent flagged(String subjectId, String school, String district, String riskLevel,
            UUID screeningId, String... flags) {
        return flagged(subjectId, "STUDENT", school, district, riskLevel, screeningId, flags);
    }

    public static OutgoingEvent flagged(String subjectId, String subjectType, String school, String district,
            String riskLevel, UUID screeningId, String... flags) {
        return traced(null, subjectId, subjectType, school, district, riskLevel, screeningId, flags);
    }

    /** As {@link #flagged} with the submission's W3C trace context in the envelope (null: none). */
    public static OutgoingEvent traced(String traceparent, String subjectId, String subjectType, String school,
            String district, String riskLevel, UUID screeningId, String... flags) {
        ObjectNode data = EventSamples.data(ScreeningFlagHandler.RISK_FLAGGED);
        data.put("subjectId", subjectId).put("subjectType", subjectType).put("riskLevel", riskLevel)
                .put("screeningId", screeningId.toString());
        ArrayNode f = data.putArray("flags");
        List.of(flags).forEach(f::add);
        return EventBuilder.from("screening").type(ScreeningFlagHandler.RISK_FLAGGED).subject(subjectId)
                .school(school).district(district).traceparent(traceparent).data(data).build();
    }

    /** A schema-valid event whose envelope names another person than its data: a producer bug. */
    public static OutgoingEvent mismatched(String envelopeSubject, String dataSubject, String school, String district) {
        ObjectNode data = EventSamples.data(ScreeningFlagHandler.RISK_FLAGGED);
        data.put("subjectId", dataSubject).put("screeningId", UUID.randomUUID().toString());
        return EventBuilder.from("screening").type(ScreeningFlagHandler.RISK_FLAGGED).subject(envelopeSubject)
                .school(school).district(district).data(data).build();
    }

    public void send(OutgoingEvent e) {
        send(e.key(), e.payload());
    }

    /** As screening-service's relay publishes it: the request id of the submission in an X-Request-Id header. */
    public void send(OutgoingEvent e, String requestId) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.SCREENING, e.key(), e.payload());
        record.headers().add("X-Request-Id", requestId.getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    public void send(String key, byte[] payload) {
        send(new ProducerRecord<>(Topics.SCREENING, key, payload));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(String key, String payload) {
        send(key, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
