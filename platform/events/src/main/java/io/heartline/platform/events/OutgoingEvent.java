package io.heartline.platform.events;

import java.util.UUID;

/**
 * An event ready for the outbox: the structured CloudEvents JSON plus what the relay needs to publish it.
 *
 * @param key the Kafka record key: the subject (person) id, so one person's events stay in order
 * @param traceparent the W3C trace context to copy into Kafka headers, or null
 * @param requestId the caller's X-Request-Id to copy into Kafka headers, or null
 */
public record OutgoingEvent(UUID id, String type, String topic, String key, byte[] payload, String traceparent,
        String requestId) {
}
