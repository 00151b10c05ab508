package io.heartline.platform.web;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Request bodies mean exactly what they say: Jackson's defaults would read {@code 1.7} as 1 and {@code "2"} as 2,
 * silently changing an answer or a count. Both become 400 problem+json instead. Unknown fields are refused by
 * {@code quarkus.jackson.fail-on-unknown-properties=true}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // A number or boolean where the contract says string is a client error, not text to store.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("heartline-strict-strings")
                .addDeserializer(String.class, new NoNulStrings())
                .addDeserializer(JsonNode.class, new NoNulTrees()));
    }

    /** True when any text value or field name in {@code node} holds a NUL character. */
    public static boolean containsNul(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0;
        }
        var fields = node.fieldNames();
        while (fields.hasNext()) {
            if (fields.next().indexOf('\u0000') >= 0) {
                return true;
            }
        }
        for (JsonNode child : node) {
            if (containsNul(child)) {
                return true;
            }
        }
        return false;
    }

    /** Bodies read as a tree ({@code JsonNode} parameters) refuse NUL like typed ones. */
    static final class NoNulTrees extends StdDeserializer<JsonNode> {

        NoNulTrees() {
            super(JsonNode.class);
        }

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(p, ctxt);
            if (containsNul(node)) {
                throw MismatchedInputException.from(p, JsonNode.class, "contains a NUL character (\\u0000)");
            }
            return node;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
    }

    /**
     * Strings as Jackson reads them, but refusing the NUL character: PostgreSQL cannot store it, so it would surface
     * as a 500 after half the work; here it is a 400 naming the field.
     */
    static final class NoNulStrings extends StdScalarDeserializer<String> {

        NoNulStrings() {
            super(String.class);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw MismatchedInputException.from(p, String.class, "contains a NUL character (\\u0000)");
            }
            return value;
        }
    }
}
