package io.heartline.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.heartline.gateway.support.Gateway;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Token buckets: per token subject (tests: 5/s, burst 10), and per client address for callers without a valid token
 * (tests: 20/s, burst 50). Each anonymous test speaks from its own loopback address so that buckets do not mix.
 */
@QuarkusTest
class RateLimitTest {

    @Test
    void aCallerOverItsBurstGets429WithRetryAfterThenRecovers() {
        String sub = "rate-" + System.nanoTime();
        String token = TestTokens.forRole("student").sub(sub).sign();
        String sameSubOtherToken = TestTokens.forRole("student").sub(sub).sign();
        given().header("Authorization", Gateway.bearer(sameSubOtherToken)).get("/api/v1/instruments")
                .then().statusCode(200);
        // Burst 10 (one used above), refill 5/s: requests in a quick row are refused after about ten.
        int served = 1;
        Response refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            Response r = given().header("Authorization", Gateway.bearer(token)).get("/api/v1/instruments");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(200, r.statusCode());
                served++;
            }
        }
        // Right away (before slower checks): the bucket belongs to the person (sub), not to the token. A bucket of
        // its own would serve five in a row; the shared one, refilling one per 200 ms, cannot.
        int sharedServed = 0;
        for (int i = 0; i < 5; i++) {
            if (given().header("Authorization", Gateway.bearer(sameSubOtherToken)).get("/api/v1/instruments")
                    .statusCode() == 200) {
                sharedServed++;
            }
        }
        assertTrue(refused != null && served >= 10, "refused after the burst; served " + served);
        assertTrue(sharedServed < 5, "another token of the same sub draws from the same bucket");
        refused.then().contentType("application/problem+json")
                .body("type", equalTo("https://heartline.io/problems/rate-limited"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After in whole seconds: " + retryAfter);
        // Another person is not affected.
        given().header("Authorization", Gateway.bearer(TestTokens.forRole("student").sign()))
                .get("/api/v1/instruments").then().statusCode(200);

        // The bucket refills at 5/s: the caller is served again within the Retry-After.
        await().atMost(Duration.ofSeconds(retryAfter + 1)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().header("Authorization", Gateway.bearer(token)).get("/api/v1/instruments")
                        .statusCode() == 200);
    }

    @Test
    void publicDocumentsAreLimitedPerClientAddress() throws Exception {
        HttpClient client = clientFrom(freshLoopback());
        URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + "/q/openapi/screening");
        int ok = 0;
        HttpResponse<String> last = null;
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            last = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() != 200) {
                break;
            }
            ok++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Burst 50 plus the refill (20/s) during the loop, then refused.
        assertEquals(429, last.statusCode(), "refused after " + ok);
        assertTrue(ok >= 50 && ok <= 50 + 20 * seconds + 1, ok + " served in " + seconds + " s");
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
        // Other addresses still get through.
        given().get("/q/openapi/screening").then().statusCode(200);
    }

    @Test
    void repeatedFailedAuthenticationFromOneAddressIsSlowedDown() throws Exception {
        HttpClient client = clientFrom(freshLoopback());
        URI uri = URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/instruments");
        String bad = TestTokens.forRole("student").expired();
        int unauthorised = 0;
        HttpResponse<String> last = null;
        long start = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            last = client.send(HttpRequest.newBuilder(uri).header("Authorization", Gateway.bearer(bad)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() != 401) {
                break;
            }
            unauthorised++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(429, last.statusCode(), "slowed down after " + unauthorised + " refusals");
        assertTrue(unauthorised >= 50 && unauthorised <= 50 + 20 * seconds + 1, unauthorised + " in " + seconds + " s");
        // A token already verified earlier is still served from that address (no verification needed).
        String good = TestTokens.forRole("student").sign();
        given().header("Authorization", Gateway.bearer(good)).get("/api/v1/instruments").then().statusCode(200);
        assertEquals(200, client.send(HttpRequest.newBuilder(uri).header("Authorization", Gateway.bearer(good)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private static InetAddress freshLoopback() throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return InetAddress.getByAddress(new byte[] { 127, (byte) r.nextInt(1, 255), (byte) r.nextInt(1, 255),
                (byte) r.nextInt(2, 255) });
    }

    private static HttpClient clientFrom(InetAddress local) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).localAddress(local).build();
    }
}
