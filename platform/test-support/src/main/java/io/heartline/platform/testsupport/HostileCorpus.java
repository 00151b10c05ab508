package io.heartline.platform.testsupport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sends every class of hostile input to every endpoint a service documents in its OpenAPI ({@code /q/openapi}), and
 * reports each answer that is not a 4xx {@code application/problem+json} (with the expected status where the class
 * has one). The endpoint list comes from the running service, so new endpoints are covered without touching a test.
 * <pre>
 * List&lt;String&gt; failures = HostileCorpus.against(base).bearer(token).run();
 * assertEquals(List.of(), failures);
 * </pre>
 * Classes: NUL ({@code %00}) in a path parameter and in the query; a request target over the URI limit (414); a
 * header over the header limit (431); for POST/PUT/PATCH: a non-JSON body (415 where the endpoint reads JSON or
 * nothing), a declared body over the body limit (413); for JSON bodies: NUL in every string, wrong JSON types,
 * malformed JSON, an unknown field (400).
 */
public final class HostileCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    /** Words that must never reach a client: stack frames, exception and driver names, SQL. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "java.", "org.postgresql", "SQLState",
            "SQL state", "io.quarkus", "io.vertx");

    public record Param(String name, JsonNode schema) {
    }

    public record Endpoint(String method, String path, List<Param> pathParams, List<Param> queryParams,
            List<String> bodyTypes, JsonNode bodySchema) {

        boolean readsJson() {
            return bodyTypes.stream().anyMatch(t -> t.equals("application/json") || t.endsWith("+json"));
        }

        /** Reads JSON or nothing: any other content type must be a 415. */
        boolean jsonOrNothing() {
            return bodyTypes.stream().allMatch(t -> t.equals("application/json") || t.endsWith("+json"));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private record Attack(String name, String target, Map<String, String> headers, byte[] body, Long declared,
            Integer expected) {
    }

    private final URI base;
    private final RawHttp http;
    private String bearer;
    private int uriLimit = 4096;
    private int headerLimit = 32 * 1024;
    private long bodyLimit = 256 * 1024;
    private final Map<String, Long> bodyLimits = new LinkedHashMap<>();
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private Predicate<Endpoint> include = e -> true;
    private final Map<String, String> errorTypes = new LinkedHashMap<>();
    private List<Endpoint> endpoints;
    private int requests;

    private HostileCorpus(URI base) {
        this.base = base;
        this.http = new RawHttp(base);
    }

    /** {@code base}: the service's root URL, e.g. a {@code @TestHTTPResource("/") URI}. */
    public static HostileCorpus against(URI base) {
        return new HostileCorpus(base);
    }

    /** Sent as {@code Authorization: Bearer}; a token holding every role gets past role checks to the body readers. */
    public HostileCorpus bearer(String token) {
        this.bearer = token;
        return this;
    }

    /** The value used for a path parameter of this name (default: a random UUID, which is also a valid person id). */
    public HostileCorpus pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** The body limit of endpoints under {@code pathPrefix}, where it differs from the default 256 KiB. */
    public HostileCorpus bodyLimit(String pathPrefix, long bytes) {
        bodyLimits.put(pathPrefix, bytes);
        return this;
    }

    public HostileCorpus limits(int uriLength, int headerBytes, long bodyBytes) {
        this.uriLimit = uriLength;
        this.headerLimit = headerBytes;
        this.bodyLimit = bodyBytes;
        return this;
    }

    /**
     * Endpoints under {@code pathPrefix} answer errors in a standard format of their own (SCIM's
     * {@code application/scim+json} Error, RFC 7644 §3.12) instead of problem+json.
     */
    public HostileCorpus errorFormat(String pathPrefix, String mediaType) {
        errorTypes.put(pathPrefix, mediaType);
        return this;
    }

    public HostileCorpus only(Predicate<Endpoint> filter) {
        this.include = filter;
        return this;
    }

    /** How many hostile requests the last {@link #run()} sent. */
    public int requests() {
        return requests;
    }

    /** The service's API endpoints ({@code /api/…} and {@code /scim/…}) as its OpenAPI document lists them. */
    public List<Endpoint> endpoints() {
        if (endpoints == null) {
            endpoints = load();
        }
        return endpoints.stream().filter(include).toList();
    }

    /** Runs the corpus; answers one line per request that was not the expected refusal (empty: all refused well). */
    public List<String> run() {
        List<String> failures = new ArrayList<>();
        requests = 0;
        for (Endpoint e : endpoints()) {
            for (Attack a : attacks(e)) {
                requests++;
                Map<String, String> headers = new LinkedHashMap<>(a.headers());
                if (bearer != null) {
                    headers.put("Authorization", "Bearer " + bearer);
                }
                headers.put("X-Request-Id", "hostile-" + requests);
                RawHttp.Answer answer;
                try {
                    answer = http.send(e.method(), a.target(), headers, a.body(), a.declared());
                } catch (RuntimeException ex) {
                    failures.add(e + " [" + a.name() + "]: no answer (" + ex.getMessage() + ")");
                    continue;
                }
                String errorType = errorTypes.entrySet().stream().filter(t -> e.path().startsWith(t.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse("application/problem+json");
                String problem = judge(answer, a.expected(), errorType);
                if (problem != null) {
                    failures.add(e + " [" + a.name() + "]: " + problem);
                }
            }
        }
        return failures;
    }

    /**
     * Runs the corpus with the log captured and fails (AssertionError) on any answer that is not the expected
     * refusal, on any stack trace or error the application logged meanwhile, and when the document lists fewer than
     * {@code atLeastEndpoints} endpoints (a test that covers nothing proves nothing).
     */
    public void assertAllRefused(int atLeastEndpoints) {
        int count = endpoints().size();
        if (count < atLeastEndpoints) {
            throw new AssertionError("Only " + count + " endpoints in /q/openapi, expected at least " + atLeastEndpoints);
        }
        List<String> failures;
        List<String> logged;
        try (LogCapture log = LogCapture.start()) {
            failures = run();
            logged = log.stackTraces();
        }
        System.out.printf("HostileCorpus: %d endpoints, %d hostile requests, %d not refused well%n", count, requests,
                failures.size());
        if (!failures.isEmpty() || !logged.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + requests + " hostile requests were not refused well"
                    + (failures.isEmpty() ? "" : ":\n  " + String.join("\n  ", failures))
                    + (logged.isEmpty() ? "" : "\nand the log has " + logged.size() + " error(s)/stack trace(s):\n  "
                            + String.join("\n  ", logged)));
        }
    }

    private static String judge(RawHttp.Answer answer, Integer expected, String errorType) {
        String excerpt = answer.body().length() > 300 ? answer.body().substring(0, 300) + "…" : answer.body();
        if (answer.status() < 400 || answer.status() > 499) {
            return "status " + answer.status() + " " + excerpt;
        }
        if (expected != null && answer.status() != expected) {
            return "status " + answer.status() + ", expected " + expected + " " + excerpt;
        }
        String type = answer.header("Content-Type");
        // The HTTP layer's own refusals (413/414/431) are problem+json everywhere, SCIM paths included.
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            errorType = "application/problem+json";
        }
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(errorType)) {
            return "status " + answer.status() + " with Content-Type " + type + " " + excerpt;
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            // problem+json has status as a number, SCIM's Error as a string.
            boolean problemJson = errorType.equals("application/problem+json");
            if (!body.path("status").asText().equals(String.valueOf(answer.status()))
                    || problemJson && (!body.hasNonNull("type") || !body.hasNonNull("title"))) {
                return "problem document incomplete: " + excerpt;
            }
        } catch (java.io.IOException ex) {
            return "problem body is not JSON: " + excerpt;
        }
        for (String leak : LEAKS) {
            if (answer.body().contains(leak)) {
                return "answer reveals internals (" + leak.strip() + "): " + excerpt;
            }
        }
        return null;
    }

    // --- the attacks ------------------------------------------------------------------------------------------------

    private List<Attack> attacks(Endpoint e) {
        List<Attack> list = new ArrayList<>();
        String target = target(e, null);
        Map<String, String> none = Map.of();
        if (e.pathParams().isEmpty()) {
            list.add(new Attack("NUL in path", e.path() + "%00", none, null, null, 400));
        } else {
            for (Param p : e.pathParams()) {
                list.add(new Attack("NUL in path {" + p.name() + "}", target(e, p.name()), none, null, null, 400));
            }
        }
        String queryName = e.queryParams().isEmpty() ? "q" : e.queryParams().get(0).name();
        list.add(new Attack("NUL in query " + queryName, target + "?" + queryName + "=a%00b", none, null, null, 400));
        list.add(new Attack("long URI", target + "?q=" + "a".repeat(uriLimit + 100), none, null, null, 414));
        list.add(new Attack("huge header", target, Map.of("X-Hostile", "a".repeat(headerLimit + 100)), null, null,
                431));
        if (!BODY_METHODS.contains(e.method())) {
            return list;
        }
        String foreign = e.bodyTypes().contains("text/plain") ? "application/vnd.hostile" : "text/plain";
        list.add(new Attack("non-JSON content type", target, Map.of("Content-Type", foreign),
                "hostile text".getBytes(StandardCharsets.UTF_8), null, e.jsonOrNothing() ? 415 : null));
        list.add(new Attack("unparsable content type", target, Map.of("Content-Type", "not a media type"),
                "{}".getBytes(StandardCharsets.UTF_8), null, null));
        long limit = bodyLimits.entrySet().stream().filter(b -> e.path().startsWith(b.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(bodyLimit);
        String sizedType = e.bodyTypes().isEmpty() || e.readsJson() ? "application/json" : e.bodyTypes().get(0);
        list.add(new Attack("oversized body", target, Map.of("Content-Type", sizedType), null, limit + 1, 413));
        if (!e.readsJson()) {
            return list;
        }
        Map<String, String> json = Map.of("Content-Type", "application/json");
        JsonNode schema = e.bodySchema();
        boolean object = schema != null && isObject(resolve(schema));
        JsonNode nul = sample(schema, Mode.NUL, 0);
        if (!nul.isObject() && !nul.isArray()) {
            // A body the endpoint reads as raw text or a tree (SCIM, xAPI): still an object, with a NUL inside.
            nul = NODES.objectNode().put("text", "a\u0000b");
        }
        if (bytes(nul).length > 0 && new String(bytes(nul), StandardCharsets.UTF_8).contains("\\u0000")) {
            list.add(new Attack("NUL in body strings", target, json, bytes(nul), null, object ? 400 : null));
        }
        list.add(new Attack("wrong JSON types", target, json, bytes(sample(schema, Mode.WRONG, 0)), null,
                object ? 400 : null));
        list.add(new Attack("malformed JSON", target, json, "{\"a\": [1, ".getBytes(StandardCharsets.UTF_8), null,
                object ? 400 : null));
        JsonNode plain = sample(schema, Mode.PLAIN, 0);
        if (plain instanceof ObjectNode o) {
            o.put("hostileUnknownField", 1);
            list.add(new Attack("unknown field", target, json, bytes(o), null, object ? 400 : null));
        }
        return list;
    }

    /** The path with its parameters filled in; the one named {@code nul} gets a NUL. */
    private String target(Endpoint e, String nul) {
        String path = e.path();
        for (Param p : e.pathParams()) {
            String value = p.name().equals(nul) ? "a%00b" : pathValues.getOrDefault(p.name(), UUID.randomUUID().toString());
            path = path.replace("{" + p.name() + "}", value);
        }
        return path;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- bodies from the schema -------------------------------------------------------------------------------------

    private enum Mode {
        /** Every string holds a NUL. */
        NUL,
        /** Every scalar has the wrong JSON type. */
        WRONG,
        /** Plausible values. */
        PLAIN
    }

    private JsonNode components;

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s != null && s.has("$ref"); i++) {
            String ref = s.get("$ref").asText();
            s = components.path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (s != null && s.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            ObjectNode props = merged.putObject("properties");
            merged.put("type", "object");
            for (JsonNode part : s.get("allOf")) {
                JsonNode r = resolve(part);
                if (r.has("properties")) {
                    props.setAll((ObjectNode) r.get("properties"));
                }
                if (r.has("type") && !isObject(r)) {
                    return r;
                }
            }
            return merged;
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (s != null && s.has(choice) && s.get(choice).size() > 0) {
                for (JsonNode option : s.get(choice)) {
                    if (!"null".equals(type(resolve(option)))) {
                        return resolve(option);
                    }
                }
            }
        }
        return s == null ? NODES.objectNode() : s;
    }

    private static String type(JsonNode s) {
        JsonNode t = s.get("type");
        if (t == null) {
            return s.has("properties") ? "object" : s.has("items") ? "array" : null;
        }
        if (t.isArray()) {
            for (JsonNode each : t) {
                if (!"null".equals(each.asText())) {
                    return each.asText();
                }
            }
            return null;
        }
        return t.asText();
    }

    private static boolean isObject(JsonNode s) {
        return "object".equals(type(s));
    }

    private JsonNode sample(JsonNode schema, Mode mode, int depth) {
        JsonNode s = resolve(schema == null ? NODES.objectNode() : schema);
        String type = type(s);
        if (type == null || depth > 5) {
            return mode == Mode.WRONG ? NODES.numberNode(12345) : NODES.textNode(mode == Mode.NUL ? "a\u0000b" : "x");
        }
        switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                Iterator<Map.Entry<String, JsonNode>> props = s.path("properties").fields();
                while (props.hasNext()) {
                    Map.Entry<String, JsonNode> p = props.next();
                    o.set(p.getKey(), sample(p.getValue(), mode, depth + 1));
                }
                if (o.isEmpty() && s.path("additionalProperties").isObject()) {
                    o.set("key", sample(s.get("additionalProperties"), mode, depth + 1));
                }
                if (o.isEmpty() && mode == Mode.NUL) {
                    o.put("text", "a\u0000b");
                }
                return o;
            }
            case "array" -> {
                if (mode == Mode.WRONG) {
                    return NODES.textNode("not-an-array");
                }
                ArrayNode a = NODES.arrayNode();
                a.add(sample(s.path("items"), mode, depth + 1));
                return a;
            }
            case "integer", "number" -> {
                return mode == Mode.WRONG ? NODES.textNode("not-a-number") : NODES.numberNode(1);
            }
            case "boolean" -> {
                return mode == Mode.WRONG ? NODES.textNode("not-a-boolean") : NODES.booleanNode(true);
            }
            default -> {
                if (mode == Mode.WRONG) {
                    return NODES.numberNode(12345);
                }
                if (mode == Mode.NUL) {
                    return NODES.textNode("a\u0000b");
                }
                if (s.has("enum") && s.get("enum").size() > 0) {
                    return s.get("enum").get(0);
                }
                return NODES.textNode(switch (String.valueOf(s.path("format").asText(null))) {
                    case "date-time" -> "2026-01-05T08:00:00Z";
                    case "date" -> "2026-01-05";
                    case "uuid" -> UUID.randomUUID().toString();
                    case "duration" -> "PT1H";
                    default -> "x";
                });
            }
        }
    }

    // --- the endpoint list ------------------------------------------------------------------------------------------

    private List<Endpoint> load() {
        RawHttp.Answer doc = http.send("GET", "/q/openapi?format=json", Map.of("Accept", "application/json"), null,
                null);
        if (doc.status() != 200) {
            throw new IllegalStateException("GET /q/openapi answered " + doc.status());
        }
        JsonNode root;
        try {
            root = JSON.readTree(doc.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The OpenAPI document is not JSON", e);
        }
        components = root.path("components");
        List<Endpoint> list = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/") && !path.getKey().startsWith("/scim/")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                List<Param> pathParams = new ArrayList<>();
                List<Param> queryParams = new ArrayList<>();
                for (JsonNode p : op.getValue().path("parameters")) {
                    (("path".equals(p.path("in").asText())) ? pathParams : "query".equals(p.path("in").asText())
                            ? queryParams : new ArrayList<Param>()).add(new Param(p.path("name").asText(),
                                    p.path("schema")));
                }
                for (JsonNode p : path.getValue().path("parameters")) {
                    if ("path".equals(p.path("in").asText())) {
                        pathParams.add(new Param(p.path("name").asText(), p.path("schema")));
                    }
                }
                // Path parameters the document leaves out (it should not) are still filled in.
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}/]+)}").matcher(path.getKey());
                while (m.find()) {
                    String name = m.group(1);
                    if (pathParams.stream().noneMatch(p -> p.name().equals(name))) {
                        pathParams.add(new Param(name, NODES.objectNode()));
                    }
                }
                List<String> types = new ArrayList<>();
                JsonNode schema = null;
                Iterator<Map.Entry<String, JsonNode>> content = op.getValue().path("requestBody").path("content")
                        .fields();
                while (content.hasNext()) {
                    Map.Entry<String, JsonNode> c = content.next();
                    types.add(c.getKey().toLowerCase(Locale.ROOT));
                    if (schema == null || c.getKey().contains("json")) {
                        schema = c.getValue().path("schema");
                    }
                }
                list.add(new Endpoint(method, path.getKey(), List.copyOf(pathParams), List.copyOf(queryParams),
                        List.copyOf(types), schema));
            }
        }
        return list;
    }
}
