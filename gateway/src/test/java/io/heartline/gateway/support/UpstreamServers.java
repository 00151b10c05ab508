package io.heartline.gateway.support;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Real HTTP servers standing in for the four services, started on free ports before the gateway, plus a control
 * server the tests drive over HTTP (so that no state is shared across class loaders):
 * <ul>
 * <li>{@code POST /<service>/down}, {@code /<service>/up}: close the service's port / listen on it again;</li>
 * <li>{@code PUT /jwks} (body: a JWK set) and {@code GET /jwks}: a key set for the JWKS test profile.</li>
 * <li>{@code PUT /<service>/audit} (body: a JSON array of audit items with {@code id}, {@code at},
 * {@code subjectId}) and {@code PUT /<service>/audit-mode} ({@code ok}, {@code slow}, {@code error}, {@code garbage}):
 * what the service's {@code /api/v1/audit} and {@code /api/v1/me/access-log} answer ({@link StubAuditTrail}).</li>
 * </ul>
 * A service answers: {@code /q/health/ready} 200; {@code /q/openapi} a small document; a path ending in
 * {@code /slow} never in time (10 s); {@code /reset} by closing the connection; {@code /hop-headers} with hop-by-hop
 * and CORS headers; anything else 200 with a JSON echo of what arrived (service, method, uri, headers, body length).
 */
public class UpstreamServers implements QuarkusTestResourceLifecycleManager {

    public static final String[] SERVICES = { "screening", "referral", "crisis", "training" };

    private Vertx vertx;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    private final AtomicInteger served = new AtomicInteger();
    private volatile String jwks = "{\"keys\":[]}";
    private final Map<String, StubAuditTrail> trails = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            trails.put(service, new StubAuditTrail(vertx, service));
            HttpServer server = listen(service, 0);
            ports.put(service, server.actualPort());
            config.put("heartline.gateway.services." + service + ".url", "http://127.0.0.1:" + server.actualPort());
        }
        HttpServer control = await(vertx.createHttpServer().requestHandler(this::control).listen(0, "127.0.0.1"));
        config.put("heartline.test.control-url", "http://127.0.0.1:" + control.actualPort());
        config.put("heartline.test.jwks-url", "http://127.0.0.1:" + control.actualPort() + "/jwks");
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close());
        }
    }

    private HttpServer listen(String service, int port) {
        HttpServer server = await(vertx.createHttpServer().requestHandler(r -> serve(service, r))
                .listen(port, "127.0.0.1"));
        servers.put(service, server);
        return server;
    }

    private void control(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/jwks")) {
            if (request.method().name().equals("PUT")) {
                request.body().onSuccess(b -> {
                    jwks = b.toString();
                    request.response().setStatusCode(204).end();
                });
            } else {
                request.response().putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "max-age=1").end(jwks);
            }
            return;
        }
        String[] parts = path.substring(1).split("/");
        String service = parts[0];
        if (!ports.containsKey(service) || parts.length != 2) {
            request.response().setStatusCode(404).end();
            return;
        }
        if (parts[1].equals("audit") || parts[1].equals("audit-mode")) {
            request.body().onSuccess(b -> {
                if (parts[1].equals("audit")) {
                    trails.get(service).rows(new JsonArray(b));
                } else {
                    trails.get(service).mode(b.toString());
                }
                request.response().setStatusCode(204).end();
            });
            return;
        }
        if (parts[1].equals("down")) {
            HttpServer server = servers.remove(service);
            (server == null ? io.vertx.core.Future.succeededFuture() : server.close())
                    .onComplete(v -> request.response().setStatusCode(204).end());
        } else {
            if (!servers.containsKey(service)) {
                vertx.createHttpServer().requestHandler(r -> serve(service, r)).listen(ports.get(service), "127.0.0.1")
                        .onSuccess(s -> {
                            servers.put(service, s);
                            request.response().setStatusCode(204).end();
                        })
                        .onFailure(e -> request.response().setStatusCode(500).end(e.toString()));
            } else {
                request.response().setStatusCode(204).end();
            }
        }
    }

    private void serve(String service, HttpServerRequest request) {
        served.incrementAndGet();
        String path = request.path();
        if (path.equals("/q/health/ready")) {
            request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
            return;
        }
        if (path.equals("/q/openapi")) {
            JsonObject doc = new JsonObject().put("openapi", "3.1.0")
                    .put("info", new JsonObject().put("title", service).put("version", "test"))
                    .put("x-saw-authorization", request.getHeader("Authorization") != null)
                    .put("x-query", request.query());
            request.response().putHeader("Content-Type", "application/json").end(doc.encode());
            return;
        }
        if (StubAuditTrail.PATHS.contains(path)) {
            trails.get(service).serve(request);
            return;
        }
        if (path.endsWith("/slow")) {
            vertx.setTimer(10_000, t -> {
                if (!request.response().closed()) {
                    request.response().end("late");
                }
            });
            return;
        }
        if (path.endsWith("/sse-heartbeats")) {
            // An event stream that lives for 2.5 s (longer than the tests' 1 s upstream timeout): a comment line
            // every 200 ms, an event every 500 ms, as crisis-service's alert stream does (every 15 s in production).
            var response = request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            response.write(": connected\n\n");
            int[] n = { 0 };
            long timer = vertx.setPeriodic(100, t -> {
                n[0]++;
                if (response.closed()) {
                    return;
                }
                if (n[0] % 5 == 0) {
                    response.write("id: " + n[0] + "\nevent: alert-raised\ndata: {\"n\":" + n[0] + "}\n\n");
                } else if (n[0] % 2 == 0) {
                    response.write(": heartbeat\n\n");
                }
                if (n[0] == 25) {
                    response.end();
                }
            });
            response.closeHandler(v -> vertx.cancelTimer(timer));
            response.endHandler(v -> vertx.cancelTimer(timer));
            return;
        }
        if (path.endsWith("/reset")) {
            request.connection().close();
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            request.headers().names().forEach(n -> headers.put(n.toLowerCase(), new JsonArray(request.headers().getAll(n))));
            JsonObject echo = new JsonObject()
                    .put("service", service)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("headers", headers)
                    .put("bodyLength", body.length());
            var response = request.response().putHeader("Content-Type", "application/json")
                    .putHeader("X-Request-Id", "upstream-own-id");
            if (path.endsWith("/hop-headers")) {
                response.putHeader("Connection", "keep-alive, X-Upstream-Private")
                        .putHeader("X-Upstream-Private", "secret")
                        .putHeader("Keep-Alive", "timeout=5")
                        .putHeader("Proxy-Authenticate", "Basic")
                        .putHeader("Upgrade", "h2c")
                        .putHeader("Access-Control-Allow-Origin", "*")
                        .putHeader("X-Upstream-Visible", "yes");
            }
            response.setStatusCode(request.method().name().equals("POST") ? 201 : 200).end(echo.toBuffer());
        }).onFailure(e -> request.response().setStatusCode(400).end());
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
