package io.heartline.platform.events;

/**
 * One entry of the event catalogue: what a type is called, where it is published and which schema it obeys.
 */
public record EventType(String type, String topic, String producer, String schema, String description) {

    /** The URI put in the envelope's {@code dataschema}: the schema's {@code $id}. */
    public String schemaUri() {
        return EventSchemas.SCHEMA_BASE_URI + schema;
    }
}
