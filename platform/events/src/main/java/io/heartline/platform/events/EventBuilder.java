package io.heartline.platform.events;

import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * Builds a Heartline event as a CloudEvents 1.0 envelope in structured JSON mode (CONVENTIONS "Events").
 * Topic and {@code dataschema} come from the {@link EventCatalogue}, so a producer cannot publish an uncatalogued type.
 */
public final class EventBuilder {

    private final String service;
    private Clock clock = Clock.systemUTC();
    private EventType type;
    private String subject;
    private String district;
    private String school;
    private String traceparent;
    private String requestId;
    private Object data;

    private EventBuilder(String service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /** @param service the producing service's short name, e.g. {@code screening} */
    public static EventBuilder from(String service) {
        return new EventBuilder(service);
    }

    public EventBuilder type(String type) {
        this.type = EventCatalogue.get().require(type);
        return this;
    }

    public EventBuilder subject(String subjectId) {
        this.subject = subjectId;
        return this;
    }

    public EventBuilder district(String district) {
        this.district = district;
        return this;
    }

    public EventBuilder school(String school) {
        this.school = school;
        return this;
    }

    public EventBuilder traceparent(String traceparent) {
        this.traceparent = traceparent;
        return this;
    }

    public EventBuilder requestId(String requestId) {
        this.requestId = requestId;
        return this;
    }

    /** The payload: a record or map serialised as JSON. Keep it to ids, levels, reasons and codes. */
    public EventBuilder data(Object data) {
        this.data = data;
        return this;
    }

    EventBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public OutgoingEvent build() {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
        UUID id = Ids.next();
        CloudEventBuilder ce = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(URI.create("/heartline/" + service))
                .withType(type.type())
                .withSubject(subject)
                .withTime(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .withDataSchema(URI.create(type.schemaUri()))
                .withData("application/json", serialise(data));
        if (district != null) {
            ce.withExtension("district", district);
        }
        if (school != null) {
            ce.withExtension("school", school);
        }
        if (traceparent != null) {
            ce.withExtension("traceparent", traceparent);
        }
        CloudEvent event = ce.build();
        return new OutgoingEvent(id, type.type(), type.topic(), subject, EventJson.STRUCTURED.serialize(event),
                traceparent, requestId);
    }

    private static byte[] serialise(Object data) {
        try {
            return EventJson.MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
