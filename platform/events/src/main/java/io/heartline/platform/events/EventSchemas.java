package io.heartline.platform.events;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates events against the JSON Schema (2020-12) of their type. Schemas live on the classpath under
 * {@code heartline/events/schemas/} and are addressed by their {@code $id} URIs.
 */
public final class EventSchemas {

    static final String SCHEMA_BASE_URI = "https://heartline.io/schemas/events/";
    private static final String CLASSPATH_BASE = "classpath:heartline/events/schemas/";
    private static final EventSchemas INSTANCE = new EventSchemas();

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE_URI, CLASSPATH_BASE)));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    public static EventSchemas get() {
        return INSTANCE;
    }

    /** The compiled schema of a catalogued type; compiling resolves every {@code $ref}, so a broken schema fails here. */
    public JsonSchema schemaOf(EventType type) {
        return schemas.computeIfAbsent(type.type(), t -> {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(type.schemaUri()), config);
            schema.initializeValidators();
            return schema;
        });
    }

    /** @return the problems found, empty when the event is valid */
    public List<String> validate(byte[] structuredJson) {
        JsonNode node;
        try {
            node = EventJson.MAPPER.readTree(structuredJson);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return validate(node);
    }

    public List<String> validate(JsonNode event) {
        JsonNode typeNode = event == null ? null : event.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return List.of("$.type: missing");
        }
        return EventCatalogue.get().find(typeNode.asText())
                .map(type -> schemaOf(type).validate(event).stream().map(ValidationMessage::getMessage).toList())
                .orElseGet(() -> List.of("$.type: " + typeNode.asText() + " is not in the event catalogue"));
    }

    /** @throws IllegalArgumentException listing every problem when the event is invalid */
    public void requireValid(byte[] structuredJson) {
        List<String> problems = validate(structuredJson);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Event does not match its schema: " + String.join("; ", problems));
        }
    }
}
