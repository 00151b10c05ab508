package io.heartline.training.scim;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.JsonUtils;

/**
 * Applies a SCIM PatchOp (RFC 7644 §3.5.2) to a User's current representation with the SCIM SDK. Before that it
 * smooths over what real IdPs send: {@code "op": "Replace"} in any case, and path-less operations whose value keys
 * are paths ({@code {"name.givenName": "x"}}, Entra ID does this), which become operations of their own.
 */
final class ScimPatch {

    private static final List<String> READ_ONLY = List.of("id", "meta");

    private ScimPatch() {
    }

    /** The User after the patch; the input is left unchanged. */
    static ObjectNode apply(ObjectNode user, ObjectNode patchBody) {
        PatchRequest request = parse(patchBody);
        ObjectNode copy = user.deepCopy();
        try {
            for (PatchOperation op : request) {
                effective(op, copy).apply(copy);
            }
        } catch (ScimException e) {
            String type = e.getScimError().getScimType();
            throw new ScimFailure(400, type == null ? "invalidValue" : type, e.getScimError().getDetail());
        }
        return copy;
    }

    /**
     * RFC 7644 §3.5.2.1: an add to a single-valued target replaces it. The SDK refuses an add through a value filter
     * ({@code emails[type eq "work"].value}) when the target exists; Entra ID sends exactly that, so it becomes a
     * replace. Without a matching target the add stays an add and creates the value.
     */
    private static PatchOperation effective(PatchOperation op, ObjectNode user) throws ScimException {
        Path path = op.getPath();
        if (op.getOpType() != PatchOpType.ADD || path == null || !hasValueFilter(path)
                || !JsonUtils.pathExists(path, user)) {
            return op;
        }
        return PatchOperation.replace(path, op.getJsonNode());
    }

    private static boolean hasValueFilter(Path path) {
        for (Path.Element element : path) {
            if (element.getValueFilter() != null) {
                return true;
            }
        }
        return false;
    }

    static PatchRequest parse(ObjectNode body) {
        JsonNode operations = ScimJson.member(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimFailure.invalidSyntax("A PatchOp needs a non-empty 'Operations' array");
        }
        ArrayNode normalised = JsonUtils.getJsonNodeFactory().arrayNode();
        for (JsonNode op : operations) {
            if (!op.isObject()) {
                throw ScimFailure.invalidSyntax("Each operation must be an object");
            }
            normalise((ObjectNode) op, normalised);
        }
        ObjectNode request = ScimJson.object();
        request.putArray("schemas").add(ScimSchemas.PATCH_OP);
        request.set("Operations", normalised);
        try {
            return JsonUtils.getObjectReader().forType(PatchRequest.class).readValue(request);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw ScimFailure.invalidSyntax("The PatchOp is malformed: " + firstLine(e.getMessage()));
        }
    }

    private static void normalise(ObjectNode op, ArrayNode into) {
        String kind = ScimJson.text(op, "op");
        if (kind == null) {
            throw ScimFailure.invalidSyntax("Each operation needs an 'op'");
        }
        kind = kind.toLowerCase(Locale.ROOT);
        String path = ScimJson.text(op, "path");
        JsonNode value = ScimJson.member(op, "value");
        if (path != null) {
            refuseReadOnly(path);
            into.add(operation(kind, path, value));
            return;
        }
        if (value == null || !value.isObject()) {
            throw ScimFailure.invalidSyntax("An operation without 'path' needs an object 'value'");
        }
        ObjectNode plain = ScimJson.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            refuseReadOnly(key);
            if (isPath(key)) {
                into.add(operation(kind, key, field.getValue()));
            } else {
                plain.set(key, field.getValue());
            }
        }
        if (!plain.isEmpty()) {
            into.add(operation(kind, null, plain));
        }
    }

    /** A key that names a sub-attribute or an extension's attribute rather than a top-level attribute. */
    private static boolean isPath(String key) {
        if (key.regionMatches(true, 0, "urn:", 0, 4)) {
            return !key.equalsIgnoreCase(ScimSchemas.USER) && !key.equalsIgnoreCase(ScimSchemas.ENTERPRISE_USER)
                    && !key.equalsIgnoreCase(ScimSchemas.SCHOOL_USER);
        }
        return key.contains(".");
    }

    private static void refuseReadOnly(String path) {
        String attribute = path.split("[.\\[]", 2)[0];
        if (READ_ONLY.stream().anyMatch(attribute::equalsIgnoreCase)) {
            throw ScimFailure.mutability("'" + attribute + "' is read-only");
        }
    }

    private static ObjectNode operation(String kind, String path, JsonNode value) {
        ObjectNode op = ScimJson.object();
        op.put("op", kind);
        if (path != null) {
            op.put("path", path);
        }
        if (value != null) {
            op.set("value", value);
        }
        return op;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** For unit tests: the operations as the SDK understood them. */
    static List<PatchOperation> operations(ObjectNode body) {
        return parse(body).getOperations();
    }
}
