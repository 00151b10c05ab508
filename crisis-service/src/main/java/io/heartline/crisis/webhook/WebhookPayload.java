package io.heartline.crisis.webhook;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of an alert delivery, in the specification's recommended shape
 * {@code {"type", "timestamp", "data": {...}}}, need-to-know only: ids, codes and times. {@link #check} holds every
 * body to an allow-list of fields, so that a note, an answer or an indicator's free text cannot leave the service by
 * webhook even if a caller builds the JSON itself.
 */
public final class WebhookPayload {

    /** Alert kinds (API.md "alerts"). */
    public static final Set<String> KINDS = Set.of("CRITICAL_SCREENING", "EMERGENCY_REFERRAL", "REFERRAL_ESCALATED",
            "CRISIS_REPORT_HARM", "EXTREME_TRIAGE", "CRISIS_CLOCK_BREACH");

    /** Fields {@code data} may hold: scalars, except {@code record}. */
    static final Set<String> DATA_FIELDS = Set.of("alertId", "kind", "school", "urgency", "record", "step",
            "status", "raisedAt", "escalatedAt", "acknowledgedAt", "resolvedAt");
    static final Set<String> RECORD_FIELDS = Set.of("type", "id");
    /** The specification's event-type advice: full-stop delimited identifiers of [a-zA-Z0-9_]. */
    static final Pattern EVENT_TYPE = Pattern.compile("[a-zA-Z0-9_]+(\\.[a-zA-Z0-9_]+)+");
    static final int MAX_BODY_CHARS = 16 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {
    }

    /**
     * What a district system needs to find and open the alert in Heartline; nothing about the person's state, and no
     * person (not even the target). Null fields are left out.
     */
    public record AlertData(UUID alertId, String kind, String school, String urgency, String recordType,
            String recordId, Integer step, String status, Instant raisedAt, Instant escalatedAt,
            Instant acknowledgedAt, Instant resolvedAt) {

        /** A newly raised alert. */
        public static AlertData raised(UUID alertId, String kind, String school, String urgency, String recordType,
                String recordId, Instant raisedAt) {
            return new AlertData(alertId, kind, school, urgency, recordType, recordId, 1, "OPEN", raisedAt, null, null,
                    null);
        }
    }

    /** A minified JSON body for {@link WebhookDeliveries#enqueue}. */
    public static String alert(String eventType, Instant timestamp, AlertData a) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", eventType);
        root.put("timestamp", timestamp.toString());
        ObjectNode d = root.putObject("data");
        putIf(d, "alertId", a.alertId() == null ? null : a.alertId().toString());
        putIf(d, "kind", a.kind());
        putIf(d, "school", a.school());
        putIf(d, "urgency", a.urgency());
        if (a.recordType() != null || a.recordId() != null) {
            ObjectNode r = d.putObject("record");
            putIf(r, "type", a.recordType());
            putIf(r, "id", a.recordId());
        }
        if (a.step() != null) {
            d.put("step", a.step());
        }
        putIf(d, "status", a.status());
        putIf(d, "raisedAt", a.raisedAt());
        putIf(d, "escalatedAt", a.escalatedAt());
        putIf(d, "acknowledgedAt", a.acknowledgedAt());
        putIf(d, "resolvedAt", a.resolvedAt());
        String body = root.toString();
        check(eventType, a.kind(), body);
        return body;
    }

    /** A webhook event type and body derived from a {@code heartline.crisis.alert-*} event. */
    public record Mapped(String eventType, String body) {
    }

    private static final Pattern ALERT_EVENT = Pattern.compile("heartline\\.crisis\\.alert-([a-z-]+)\\.v[0-9]+");

    /**
     * Projects the data of a {@code heartline.crisis.alert-*} event (flat: {@code alertId}, {@code kind},
     * {@code recordType}, {@code recordId}, … and person ids such as {@code targetId}) onto the webhook body: the
     * type {@code heartline.crisis.alert-raised.v1} becomes {@code alert.raised}, and only the fields of
     * {@link AlertData} are kept — person ids ({@code targetId}, {@code previousTargetId}, {@code acknowledgedBy})
     * and anything else stay inside Heartline.
     *
     * @throws IllegalArgumentException for another event type or a body that is not a JSON object
     */
    public static Mapped fromAlertEvent(String cloudEventType, Instant timestamp, String eventDataJson) {
        var m = cloudEventType == null ? null : ALERT_EVENT.matcher(cloudEventType);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a heartline.crisis.alert-* event type: " + cloudEventType);
        }
        String type = "alert." + m.group(1).replace('-', '_');
        JsonNode d;
        try {
            d = JSON.readTree(eventDataJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert event data is not JSON");
        }
        if (d == null || !d.isObject()) {
            throw new IllegalArgumentException("alert event data must be a JSON object");
        }
        UUID alertId = d.hasNonNull("alertId") ? UUID.fromString(d.get("alertId").asText()) : null;
        AlertData a = new AlertData(alertId, text(d, "kind"), text(d, "school"), text(d, "urgency"),
                text(d, "recordType"), text(d, "recordId"), d.hasNonNull("step") ? d.get("step").asInt() : null,
                text(d, "status"), time(d, "raisedAt"), time(d, "escalatedAt"), time(d, "acknowledgedAt"),
                time(d, "resolvedAt"));
        return new Mapped(type, alert(type, timestamp, a));
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static Instant time(JsonNode d, String field) {
        String v = text(d, field);
        return v == null ? null : Instant.parse(v);
    }

    private static void putIf(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void putIf(ObjectNode n, String field, Instant value) {
        if (value != null) {
            n.put(field, value.toString());
        }
    }

    /**
     * @throws IllegalArgumentException when the body is not a JSON object of the allowed shape, or its type or kind
     *         disagree with the delivery's (a programming error in the caller: the alert transaction fails loudly
     *         rather than leak)
     */
    public static void check(String eventType, String kind, String body) {
        if (eventType == null || !EVENT_TYPE.matcher(eventType).matches()) {
            throw new IllegalArgumentException("webhook event type must be dot-separated [a-zA-Z0-9_] identifiers");
        }
        if (kind == null || !KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown alert kind for a webhook: " + kind);
        }
        if (body == null || body.length() > MAX_BODY_CHARS) {
            throw new IllegalArgumentException("webhook body missing or over " + MAX_BODY_CHARS + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("webhook body must be a JSON object");
        }
        onlyFields(root, Set.of("type", "timestamp", "data"), "body");
        if (!eventType.equals(root.path("type").asText(null))) {
            throw new IllegalArgumentException("webhook body 'type' must equal the event type");
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("webhook body needs a 'data' object");
        }
        onlyFields(data, DATA_FIELDS, "data");
        if (data.has("kind") && !kind.equals(data.get("kind").asText())) {
            throw new IllegalArgumentException("webhook body 'data.kind' must equal the delivery's kind");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("record")) {
                if (!f.getValue().isObject()) {
                    throw new IllegalArgumentException("webhook body 'data.record' must be an object");
                }
                onlyFields(f.getValue(), RECORD_FIELDS, "data.record");
                f.getValue().forEach(WebhookPayload::scalar);
            } else {
                scalar(f.getValue());
            }
        }
    }

    private static void scalar(JsonNode v) {
        if (v.isContainerNode()) {
            throw new IllegalArgumentException("webhook body fields must be ids, codes or times");
        }
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("webhook " + where + " may not carry '" + name + "'");
            }
        }
    }
}
