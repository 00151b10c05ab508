package io.heartline.platform.events;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;

/**
 * A received Heartline event, parsed from structured CloudEvents JSON.
 *
 * @param requestId the X-Request-Id of the request that caused the event (a Kafka header), or null
 */
public record IncomingEvent(UUID id, String type, String source, String subject, OffsetDateTime time,
        String district, String school, String traceparent, JsonNode data, String requestId) {

    /**
     * Parses structured CloudEvents JSON.
     *
     * @throws MalformedEventException when the bytes are not a CloudEvent with a UUID id and JSON data
     */
    public static IncomingEvent parse(byte[] payload) {
        if (payload == null) {
            throw new MalformedEventException("empty record");
        }
        try {
            CloudEvent ce = EventJson.STRUCTURED.deserialize(payload);
            CloudEventData d = ce.getData();
            JsonNode data = d == null ? EventJson.MAPPER.nullNode() : EventJson.MAPPER.readTree(d.toBytes());
            return new IncomingEvent(UUID.fromString(ce.getId()), ce.getType(), String.valueOf(ce.getSource()),
                    ce.getSubject(), ce.getTime(), extension(ce, "district"), extension(ce, "school"),
                    extension(ce, "traceparent"), data, null);
        } catch (IOException | RuntimeException e) {
            throw new MalformedEventException("not a Heartline CloudEvent: " + e.getMessage(), e);
        }
    }

    /** The same event with the request id carried beside it (in Kafka headers, not in the envelope). */
    public IncomingEvent withRequestId(String requestId) {
        return new IncomingEvent(id, type, source, subject, time, district, school, traceparent, data, requestId);
    }

    /** Maps the payload onto a record or class; unknown fields are ignored so that producers may add optional ones. */
    public <T> T dataAs(Class<T> type) {
        try {
            return EventJson.MAPPER.treeToValue(data, type);
        } catch (IOException e) {
            throw new MalformedEventException("data of " + this.type + " does not fit " + type.getSimpleName(), e);
        }
    }

    private static String extension(CloudEvent ce, String name) {
        Object v = ce.getExtension(name);
        return v == null ? null : v.toString();
    }
}
