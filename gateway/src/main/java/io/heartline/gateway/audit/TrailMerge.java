package io.heartline.gateway.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heartline.gateway.Problems;
import io.heartline.gateway.routing.Forwarder;
import io.heartline.gateway.routing.Upstreams;
import io.heartline.gateway.routing.Upstreams.Upstream;
import io.heartline.platform.events.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code GET /api/v1/audit} and {@code GET /api/v1/me/access-log}: every service keeps its own audit rows, so the
 * gateway asks all of them at once with the caller's token, merges their pages in time order ({@link TrailPages})
 * and answers within its upstream timeout. A service that refuses (4xx: bad input, role) decides the answer; a
 * service that is down, fails or is late is left out and named: {@code incomplete: true}, {@code missingServices}
 * (docs/gateway.md, "Audit trail"). None answering: 503.
 */
@ApplicationScoped
public class TrailMerge {

    private static final Logger LOG = Logger.getLogger(TrailMerge.class);
    static final Set<String> PATHS = Set.of("/api/v1/audit", "/api/v1/me/access-log");
    /** Headers passed on to the services (the caller's token is the point: each service checks it and scopes). */
    private static final List<String> PASSED = List.of("authorization", "x-purpose-of-use", "accept-language");

    private final Upstreams upstreams;
    private final Vertx vertx;

    public TrailMerge(Upstreams upstreams, Vertx vertx) {
        this.upstreams = upstreams;
        this.vertx = vertx;
    }

    public void serve(HttpServerRequest request, String requestId) {
        // Nothing to read from a GET; the pipeline paused the request until a handler wants its body.
        request.resume();
        String path = request.path().endsWith("/") ? request.path().substring(0, request.path().length() - 1)
                : request.path();
        if (!PATHS.contains(path)) {
            Problems.send(request, 404, "not-found", "Not found", "No route for this path.");
            return;
        }
        Map<String, List<String>> query = query(request.query());
        int limit;
        Map<String, String> positions;
        List<String> services = new ArrayList<>(upstreams.all().keySet());
        try {
            limit = limit(query.get("limit"));
            List<String> cursor = query.get("cursor");
            if (cursor != null && cursor.size() > 1) {
                throw new TrailPages.BadCursor("several");
            }
            positions = TrailPages.decode(cursor == null ? null : cursor.get(0), Set.copyOf(services));
        } catch (IllegalArgumentException e) {
            badRequest(request, "limit", "must be a whole number between 1 and 200");
            return;
        } catch (TrailPages.BadCursor e) {
            badRequest(request, "cursor", "not a cursor returned by this list");
            return;
        }
        String passedQuery = passedQuery(request.query());

        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        List<String> asked = services.stream().filter(s -> !TrailPages.EXHAUSTED.equals(positions.get(s))).toList();
        long timeout = upstreams.timeoutMs();
        long timer = vertx.setTimer(timeout, t -> finish(request, services, asked, positions, outcomes, limit, done));
        List<Future<Void>> calls = new ArrayList<>();
        for (String service : asked) {
            String position = positions.get(service);
            String uri = path + "?" + passedQuery + (passedQuery.isEmpty() ? "" : "&") + "limit=" + limit
                    + (position == null ? "" : "&cursor=" + position);
            calls.add(call(request, upstreams.get(service), uri, requestId, timeout)
                    .map(o -> {
                        outcomes.put(service, o);
                        return null;
                    }));
        }
        Future.join(calls).onComplete(v -> {
            vertx.cancelTimer(timer);
            finish(request, services, asked, positions, outcomes, limit, done);
        });
    }

    /** What one service said: a page, a refusal to pass on, or nothing usable. */
    sealed interface Outcome permits Answered, Refused, Failed {
    }

    record Answered(TrailPages.ServicePage page) implements Outcome {
    }

    record Refused(int status, String contentType, String wwwAuthenticate, Buffer body) implements Outcome {
    }

    record Failed(String why) implements Outcome {
    }

    private Future<Outcome> call(HttpServerRequest request, Upstream upstream, String uri, String requestId,
            long timeout) {
        return upstreams.request(upstream, HttpMethod.GET, uri, timeout)
                .compose(req -> {
                    for (String h : PASSED) {
                        String v = request.getHeader(h);
                        if (v != null) {
                            req.putHeader(h, v);
                        }
                    }
                    String tp = request.getHeader(RequestIds.TRACEPARENT);
                    if (RequestIds.validTraceparent(tp)) {
                        req.putHeader(RequestIds.TRACEPARENT, tp);
                    }
                    req.putHeader(RequestIds.HEADER, requestId);
                    req.putHeader("Accept", "application/json");
                    req.putHeader("X-Forwarded-For",
                            request.remoteAddress() == null ? "unknown" : request.remoteAddress().host());
                    return req.send();
                })
                .compose(resp -> resp.body().map(body -> outcome(upstream.name(), resp, body)))
                .otherwise(failure -> {
                    LOG.warnf("GET %s -> %s: %d (%s)", request.path(), upstream.name(), Forwarder.statusFor(failure),
                            failure.getClass().getSimpleName());
                    return new Failed(failure.getClass().getSimpleName());
                });
    }

    private static Outcome outcome(String service, HttpClientResponse resp, Buffer body) {
        int status = resp.statusCode();
        if (status >= 400 && status < 500) {
            return new Refused(status, resp.getHeader("Content-Type"), resp.getHeader("WWW-Authenticate"), body);
        }
        if (status != 200) {
            LOG.warnf("audit merge: %s answered %d", service, status);
            return new Failed("status " + status);
        }
        try {
            JsonObject page = body.toJsonObject();
            JsonArray items = page.getJsonArray("items");
            Object next = page.getValue("nextCursor");
            if (items == null || (next != null && !(next instanceof String))) {
                return new Failed("not a page");
            }
            List<JsonObject> list = new ArrayList<>();
            for (Object o : items) {
                if (!(o instanceof JsonObject item) || !TrailPages.wellFormed(item)) {
                    return new Failed("malformed item");
                }
                list.add(item.put("service", service));
            }
            return new Answered(new TrailPages.ServicePage(list, (String) next));
        } catch (RuntimeException e) {
            LOG.warnf("audit merge: %s answered something that is not a page (%s)", service,
                    e.getClass().getSimpleName());
            return new Failed("not JSON");
        }
    }

    private void finish(HttpServerRequest request, List<String> services, List<String> asked,
            Map<String, String> positions, Map<String, Outcome> outcomes, int limit, AtomicBoolean done) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        Map<String, Outcome> seen = Map.copyOf(outcomes);
        for (String service : asked) {
            if (seen.get(service) instanceof Refused r) {
                HttpServerResponse response = request.response().setStatusCode(r.status());
                if (r.contentType() != null) {
                    response.putHeader("Content-Type", r.contentType());
                }
                if (r.wwwAuthenticate() != null) {
                    response.putHeader("WWW-Authenticate", r.wwwAuthenticate());
                }
                end(request, response, r.body());
                return;
            }
        }
        Map<String, TrailPages.ServicePage> answered = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String service : asked) {
            if (seen.get(service) instanceof Answered a) {
                answered.put(service, a.page());
            } else {
                missing.add(service);
            }
        }
        if (!asked.isEmpty() && answered.isEmpty()) {
            request.response().putHeader("Retry-After", "5");
            Problems.send(request, 503, "upstream-unavailable", "Service unavailable",
                    "No service answered for the audit trail (" + String.join(", ", missing) + "). Try again later.");
            return;
        }
        TrailPages.Merged merged = TrailPages.merge(services, positions, answered, limit);
        JsonObject body = TrailPages.body(merged, missing);
        HttpServerResponse response = request.response().setStatusCode(200)
                .putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store");
        end(request, response, body.toBuffer());
    }

    private static void end(HttpServerRequest request, HttpServerResponse response, Buffer body) {
        if (response.ended()) {
            return;
        }
        if ("HEAD".equals(request.method().name())) {
            response.end();
        } else {
            response.end(body);
        }
    }

    private static void badRequest(HttpServerRequest request, String field, String message) {
        HttpServerResponse response = request.response();
        JsonObject body = Problems.json(400, "validation", "Invalid request", field + " is not valid", request.path())
                .put("errors", new JsonArray().add(new JsonObject().put("field", field).put("message", message)));
        String requestId = response.headers().get(RequestIds.HEADER);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        response.setStatusCode(400).putHeader("Content-Type", Problems.MEDIA_TYPE).putHeader("Cache-Control", "no-store");
        end(request, response, body.toBuffer());
    }

    /** {@code limit} as the services read it: absent → 50, else a whole number in 1..200. */
    static int limit(List<String> values) {
        if (values == null || values.isEmpty()) {
            return 50;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException("several");
        }
        String v = values.get(0).trim();
        if (v.isEmpty()) {
            return 50;
        }
        int l = Integer.parseInt(v);
        if (l < 1 || l > 200) {
            throw new IllegalArgumentException("out of range");
        }
        return l;
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** The caller's query as it came (its own encoding), without {@code limit} and {@code cursor}, which we set. */
    static String passedQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            if (!name.equals("limit") && !name.equals("cursor")) {
                kept.add(part);
            }
        }
        return String.join("&", kept);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
