package io.heartline.gateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One test service's audit rows, answered the way the platform's AuditTrailResource answers: newest first by
 * (at, id), {@code limit} (1..200, default 50) and the platform cursor (base64url of {@code at|id}), 401 without a
 * token, 400 without {@code subjectId} on {@code /api/v1/audit}; the access log is the rows whose {@code subjectId}
 * is the token's {@code sub}. Each item echoes the {@code X-Purpose-Of-Use} and {@code X-Request-Id} it was asked
 * with ({@code heardPurpose}, {@code heardRequestId}) so that tests see what the gateway passed on.
 */
final class StubAuditTrail {

    static final Set<String> PATHS = Set.of("/api/v1/audit", "/api/v1/me/access-log");

    private final Vertx vertx;
    private final String service;
    private volatile List<JsonObject> rows = List.of();
    private volatile String mode = "ok";

    StubAuditTrail(Vertx vertx, String service) {
        this.vertx = vertx;
        this.service = service;
    }

    void rows(JsonArray items) {
        List<JsonObject> list = new ArrayList<>();
        items.forEach(o -> list.add((JsonObject) o));
        list.sort(Comparator.comparing((JsonObject o) -> Instant.parse(o.getString("at")))
                .thenComparing(o -> o.getString("id")).reversed());
        rows = List.copyOf(list);
    }

    void mode(String mode) {
        this.mode = mode.trim();
    }

    void serve(HttpServerRequest request) {
        switch (mode) {
            case "slow" -> {
                vertx.setTimer(10_000, t -> {
                    if (!request.response().closed()) {
                        request.response().end("late");
                    }
                });
                return;
            }
            case "error" -> {
                problem(request, 500, "Unexpected failure");
                return;
            }
            case "garbage" -> {
                request.response().putHeader("Content-Type", "application/json").end("{\"items\": [{\"no\": 1}]}");
                return;
            }
            default -> {
            }
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            request.response().putHeader("WWW-Authenticate", "Bearer");
            problem(request, 401, "A valid bearer token is required");
            return;
        }
        String sub = new JsonObject(new String(Base64.getUrlDecoder().decode(auth.substring(7).split("\\.")[1]),
                StandardCharsets.UTF_8)).getString("sub");
        String subject;
        if (request.path().equals("/api/v1/audit")) {
            subject = request.getParam("subjectId");
            if (subject == null || subject.isBlank()) {
                problem(request, 400, "subjectId is required");
                return;
            }
        } else {
            subject = sub;
        }
        int limit = request.getParam("limit") == null ? 50 : Integer.parseInt(request.getParam("limit"));
        String cursor = request.getParam("cursor");
        Instant beforeAt = null;
        String beforeId = null;
        if (cursor != null) {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            beforeAt = Instant.parse(parts[0]);
            beforeId = parts[1];
        }
        List<JsonObject> page = new ArrayList<>();
        for (JsonObject row : rows) {
            if (!subject.equals(row.getString("subjectId"))) {
                continue;
            }
            Instant at = Instant.parse(row.getString("at"));
            if (beforeAt != null && (at.isAfter(beforeAt)
                    || at.equals(beforeAt) && row.getString("id").compareTo(beforeId) >= 0)) {
                continue;
            }
            page.add(row.copy().put("service", service)
                    .put("heardPurpose", request.getHeader("X-Purpose-Of-Use"))
                    .put("heardRequestId", request.getHeader("X-Request-Id")));
            if (page.size() == limit + 1) {
                break;
            }
        }
        String next = null;
        if (page.size() > limit) {
            page.remove(limit);
            JsonObject last = page.get(limit - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (Instant.parse(last.getString("at")) + "|" + last.getString("id")).getBytes(StandardCharsets.UTF_8));
        }
        request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                .put("items", new JsonArray(new ArrayList<>(page))).put("nextCursor", next)
                .put("incomplete", false).put("missingServices", new JsonArray()).encode());
    }

    private static void problem(HttpServerRequest request, int status, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "https://heartline.io/problems/test").put("title", "Test")
                        .put("status", status).put("detail", detail).put("instance", request.path()).encode());
    }
}
