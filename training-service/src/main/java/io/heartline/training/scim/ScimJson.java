package io.heartline.training.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;

import io.heartline.platform.web.StrictJson;

/**
 * SCIM bodies are read with the SCIM SDK's reader, not the platform's strict ObjectMapper: IdPs send attributes in
 * any letter case (RFC 7643 §2.1), extra {@code schemas} and attributes this service does not keep.
 */
final class ScimJson {

    private ScimJson() {
    }

    static ObjectNode readObject(String body) {
        if (body == null || body.isBlank()) {
            throw ScimFailure.invalidSyntax("The request body is empty");
        }
        JsonNode node;
        try {
            node = JsonUtils.getObjectReader().readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimFailure.invalidSyntax("The request body is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ScimFailure.invalidSyntax("The request body must be a JSON object");
        }
        if (StrictJson.containsNul(object)) {
            // PostgreSQL cannot store it, and no attribute Heartline keeps has a use for it.
            throw ScimFailure.invalidValue("The request body contains a NUL character (\\u0000)");
        }
        return object;
    }

    static String write(JsonNode node) {
        try {
            return JsonUtils.getObjectWriter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a SCIM body", e);
        }
    }

    static ObjectNode object() {
        return JsonUtils.getJsonNodeFactory().objectNode();
    }

    /** A member of an object whatever its letter case (attribute names are case-insensitive). */
    static JsonNode member(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        var fields = object.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A text member, or null when absent, null or blank; other JSON types are an invalid value. */
    static String text(JsonNode object, String name) {
        JsonNode v = member(object, name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ScimFailure.invalidValue("'" + name + "' must be a string");
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** A boolean member; IdPs such as Entra send {@code "True"}/{@code "False"} as strings, accepted too. */
    static Boolean bool(JsonNode object, String name) {
        JsonNode v = member(object, name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && ("true".equalsIgnoreCase(v.asText()) || "false".equalsIgnoreCase(v.asText()))) {
            return Boolean.parseBoolean(v.asText().toLowerCase(java.util.Locale.ROOT));
        }
        throw ScimFailure.invalidValue("'" + name + "' must be a boolean");
    }
}
