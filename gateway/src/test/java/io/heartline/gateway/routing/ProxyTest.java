package io.heartline.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.heartline.gateway.support.Gateway;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** What the proxy passes on and what it drops, body limits, and upstream failures (against real test servers). */
@QuarkusTest
class ProxyTest {

    private static String token(String role) {
        return TestTokens.forRole(role).school("school-1").sign();
    }

    @Test
    void forwardsAuthorizationRequestIdTraceparentAndSetsForwardedHeaders() {
        String token = token("psychologist");
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Gateway.RawResponse r = Gateway.raw("""
                GET /api/v1/screenings/s1?x=1 HTTP/1.1
                Authorization: Bearer %s
                X-Request-Id: req-123
                traceparent: %s
                X-Forwarded-For: 6.6.6.6
                X-Forwarded-Host: evil.example
                Forwarded: for=6.6.6.6
                Connection: close, X-Hop-Private
                X-Hop-Private: must-not-pass
                Keep-Alive: timeout=5
                TE: trailers
                Proxy-Authorization: Basic c2VjcmV0
                X-Custom: kept
                """.formatted(token, traceparent), null);
        assertEquals(200, r.status(), r.body());
        JsonObject seen = new JsonObject(r.body()).getJsonObject("headers");
        assertEquals(List.of("Bearer " + token), seen.getJsonArray("authorization").getList());
        assertEquals(List.of("req-123"), seen.getJsonArray("x-request-id").getList());
        assertEquals(List.of(traceparent), seen.getJsonArray("traceparent").getList());
        assertEquals(List.of("127.0.0.1"), seen.getJsonArray("x-forwarded-for").getList(), "client value replaced");
        assertEquals(List.of("http"), seen.getJsonArray("x-forwarded-proto").getList());
        assertEquals(List.of("localhost:" + RestAssured.port), seen.getJsonArray("x-forwarded-host").getList());
        assertEquals(List.of("kept"), seen.getJsonArray("x-custom").getList());
        for (String dropped : List.of("forwarded", "x-hop-private", "keep-alive", "te", "proxy-authorization")) {
            assertNull(seen.getValue(dropped), dropped + " must not reach the service");
        }
        assertFalse(seen.containsKey("connection") && seen.getJsonArray("connection").encode().contains("X-Hop-Private"));
        assertEquals(List.of("req-123"), r.all("X-Request-Id"), "the caller gets its request id back, once");
    }

    @Test
    void createsARequestIdWhenAbsentOrMalformedAndDropsAMalformedTraceparent() {
        String token = token("psychologist");
        Response r = given().header("Authorization", Gateway.bearer(token))
                .header("X-Request-Id", "bad id with spaces")
                .header("traceparent", "garbage")
                .get("/api/v1/screenings/s2");
        r.then().statusCode(200);
        String id = r.header("X-Request-Id");
        assertNotNull(id);
        assertNotEquals("bad id with spaces", id);
        assertNotEquals("upstream-own-id", id, "the service's own X-Request-Id is not passed back");
        JsonPath seen = r.jsonPath();
        assertEquals(List.of(id), seen.getList("headers.x-request-id"));
        assertNull(seen.get("headers.traceparent"));

        String second = given().header("Authorization", Gateway.bearer(token)).get("/api/v1/screenings/s2")
                .header("X-Request-Id");
        assertNotEquals(id, second, "a new id per request");
    }

    @Test
    void stripsHopByHopAndCorsHeadersFromTheServiceAnswer() {
        Gateway.RawResponse r = Gateway.raw("GET /api/v1/instruments/hop-headers HTTP/1.1\nAuthorization: Bearer "
                + token("student") + "\nOrigin: https://app.heartline.test\nConnection: close", null);
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("yes"), r.all("X-Upstream-Visible"));
        assertTrue(r.all("X-Upstream-Private").isEmpty(), "named in the service's Connection header");
        assertTrue(r.all("Keep-Alive").isEmpty());
        assertTrue(r.all("Proxy-Authenticate").isEmpty());
        assertTrue(r.all("Upgrade").isEmpty());
        assertEquals(List.of("https://app.heartline.test"), r.all("Access-Control-Allow-Origin"),
                "the gateway's CORS answer only, not the service's '*'");
        assertEquals(1, r.all("X-Request-Id").size());
    }

    @Test
    void bodiesUpToTheLimitPassAndLargerOnesAre413() {
        String token = token("student");
        byte[] limit = new byte[256 * 1024];
        Arrays.fill(limit, (byte) 'a');
        given().header("Authorization", Gateway.bearer(token)).contentType("application/json").body(limit)
                .post("/api/v1/screenings").then().statusCode(201).body("bodyLength", equalTo(limit.length));

        byte[] over = new byte[256 * 1024 + 1];
        given().header("Authorization", Gateway.bearer(token("student"))).contentType("application/json").body(over)
                .post("/api/v1/screenings").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://heartline.io/problems/body-too-large"));
    }

    @Test
    void rosterImportsTakeLargerBodies() {
        byte[] big = new byte[600 * 1024];
        given().header("Authorization", Gateway.bearer(token("hr-sync"))).contentType("text/csv").body(big)
                .post("/api/v1/roster-imports").then().statusCode(201).body("bodyLength", equalTo(big.length));
        byte[] tooBig = new byte[1024 * 1024 + 1];
        given().header("Authorization", Gateway.bearer(token("hr-sync"))).contentType("text/csv").body(tooBig)
                .post("/api/v1/roster-imports").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void chunkedBodiesAreCountedAsTheyStream() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/screenings");
        byte[] small = "{\"instrument\":\"PHQ-9\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(uri)
                .header("Authorization", Gateway.bearer(token("student"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, ok.statusCode(), ok.body());
        assertEquals(small.length, new JsonObject(ok.body()).getInteger("bodyLength"));

        byte[] large = new byte[300 * 1024];
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(uri)
                .header("Authorization", Gateway.bearer(token("student"))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, refused.statusCode(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void http2BodiesWithAndWithoutLengthArriveWholeAndAreLimited() throws Exception {
        // The JDK client upgrades to HTTP/2 (h2c); a streamed body then has no length at all.
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/screenings");
        byte[] body = new byte[100 * 1024];
        Arrays.fill(body, (byte) 'b');
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> fixed = client.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", Gateway.bearer(token("student")))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, fixed.statusCode(), fixed.body());
            assertEquals(body.length, new JsonObject(fixed.body()).getInteger("bodyLength"));
            HttpResponse<String> streamed = client.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", Gateway.bearer(token("student")))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, streamed.statusCode(), streamed.body());
            assertEquals(body.length, new JsonObject(streamed.body()).getInteger("bodyLength"));
        }
        byte[] large = new byte[300 * 1024];
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(uri)
                .header("Authorization", Gateway.bearer(token("student")))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, refused.statusCode(), refused.body());
    }

    @Test
    void upstreamDownIs503ProblemAndRecovers() {
        Gateway.down("training");
        try {
            long start = System.nanoTime();
            given().header("Authorization", Gateway.bearer(token("staff"))).get("/api/v1/programmes")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("https://heartline.io/problems/upstream-unavailable"))
                    .body("detail", startsWith("The training service cannot be reached"));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500, "within the connect timeout");
            // Readiness still answers 200 (the gateway runs) and reports the service as down.
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'gateway-upstreams' }.data.training", startsWith("DOWN"))
                    .body("checks.find { it.name == 'gateway-upstreams' }.data.screening", equalTo("UP"));
        } finally {
            Gateway.up("training");
        }
        given().header("Authorization", Gateway.bearer(token("staff"))).get("/api/v1/programmes").then().statusCode(200);
    }

    @Test
    void slowUpstreamIs504WithinTheConfiguredTimeout() {
        long start = System.nanoTime();
        given().header("Authorization", Gateway.bearer(token("student"))).get("/api/v1/instruments/slow")
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("https://heartline.io/problems/upstream-timeout"))
                .body("status", equalTo(504));
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(ms >= 900 && ms < 3000, "504 after the 1 s timeout, not a hang: " + ms + " ms");
    }

    @Test
    void anEventStreamPassesThroughUnbufferedAndOutlivesTheUpstreamTimeoutWhileItHeartbeats() throws Exception {
        // The upstream streams for 2.5 s with a line every 200 ms; the gateway's idle timeout is 1 s in tests.
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/v1/alerts/sse-heartbeats"))
                .header("Authorization", Gateway.bearer(token("psychologist"))).header("Accept", "text/event-stream")
                .GET().build();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<Long> eventAtMs = new java.util.ArrayList<>();
        int heartbeats = 0;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                if (line.startsWith("event: alert-raised")) {
                    eventAtMs.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                } else if (line.equals(": heartbeat")) {
                    heartbeats++;
                }
            }
        }
        long totalMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(5, eventAtMs.size(), "every event arrived: " + eventAtMs);
        assertTrue(heartbeats >= 8, "heartbeats passed through: " + heartbeats);
        assertTrue(eventAtMs.get(0) < 1500, "the first event arrives as sent, not when the stream ends: " + eventAtMs);
        assertTrue(totalMs >= 2400, "the stream lived past the 1 s upstream timeout: " + totalMs + " ms");
    }

    @Test
    void brokenUpstreamAnswerIs502() {
        given().header("Authorization", Gateway.bearer(token("student"))).get("/api/v1/instruments/reset")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("https://heartline.io/problems/bad-gateway"));
    }

    @Test
    void readinessReportsEveryUpstream() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'gateway-upstreams' }.data.screening", equalTo("UP"))
                .body("checks.find { it.name == 'gateway-upstreams' }.data.referral", equalTo("UP"))
                .body("checks.find { it.name == 'gateway-upstreams' }.data.crisis", equalTo("UP"))
                .body("checks.find { it.name == 'gateway-upstreams' }.data.training", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
