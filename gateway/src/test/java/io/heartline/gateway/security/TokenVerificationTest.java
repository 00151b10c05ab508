package io.heartline.gateway.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.heartline.gateway.support.Gateway;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Every broken-token class → 401 problem with WWW-Authenticate; skew ≤ 30 s; verified once, cached until expiry. */
@QuarkusTest
class TokenVerificationTest {

    private static final String PATH = "/api/v1/instruments";

    @Inject
    TokenVerifier verifier;

    static Stream<Arguments> brokenTokens() {
        return Stream.of(
                Arguments.of("expired", (Supplier<String>) () -> TestTokens.forRole("student").expired()),
                Arguments.of("not yet valid", (Supplier<String>) () -> TestTokens.forRole("student").notYetValid()),
                Arguments.of("wrong issuer", (Supplier<String>) () -> TestTokens.forRole("student").wrongIssuer()),
                Arguments.of("wrong audience", (Supplier<String>) () -> TestTokens.forRole("student").wrongAudience()),
                Arguments.of("tampered payload", (Supplier<String>) () -> TestTokens.forRole("student").tamperedPayload()),
                Arguments.of("alg none", (Supplier<String>) () -> TestTokens.forRole("student").algNone()),
                Arguments.of("HS256 with the public key", (Supplier<String>) () -> TestTokens.forRole("student").hs256WithPublicKey()),
                Arguments.of("foreign key, our kid", (Supplier<String>) () -> TestTokens.forRole("student").foreignKeyWithRealKid()),
                Arguments.of("expired 45 s ago (beyond the 30 s skew)", (Supplier<String>) () -> TestTokens.forRole("student")
                        .issuedAt(Instant.now().minusSeconds(345)).lifetime(Duration.ofSeconds(300)).sign()),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not-a-token"),
                Arguments.of("two parts only", (Supplier<String>) () -> "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTokens")
    void brokenTokensAreRefusedWith401(String name, Supplier<String> token) {
        String t = token.get();
        given().header("Authorization", Gateway.bearer(t))
                .get(PATH)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("status", equalTo(401))
                .body("type", equalTo("https://heartline.io/problems/invalid-token"))
                .body("title", equalTo("Invalid token"))
                .body("instance", equalTo(PATH));
        assertNull(verifier.cached(t), "a refused token is never remembered");
    }

    @Test
    void missingTokenOrOtherSchemeIs401() {
        given().get(PATH).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"heartline\""))
                .body("type", equalTo("https://heartline.io/problems/unauthenticated"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").get(PATH).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
        String valid = TestTokens.forRole("student").sign();
        given().header("Authorization", "Bearer " + valid).header("Authorization", "Bearer " + valid)
                .get(PATH).then().statusCode(401);
    }

    @Test
    void expiredWithinTheSkewIsStillAccepted() {
        String token = TestTokens.forRole("student").issuedAt(Instant.now().minusSeconds(310))
                .lifetime(Duration.ofSeconds(300)).sign();
        given().header("Authorization", Gateway.bearer(token)).get(PATH).then().statusCode(200);
    }

    @Test
    void aValidTokenIsVerifiedOnceAndRememberedUntilItExpires() {
        String token = TestTokens.forRole("student").issuedAt(Instant.now().minusSeconds(58))
                .lifetime(Duration.ofSeconds(60)).sign();
        assertNull(verifier.cached(token));
        given().header("Authorization", Gateway.bearer(token)).get(PATH).then().statusCode(200)
                .body("service", equalTo("screening"));
        Caller caller = verifier.cached(token);
        assertNotNull(caller, "remembered after the first use");
        assertEquals(List.of("student"), List.copyOf(caller.roles()));
        // A second use is served from the cache (same entry), and the entry goes when the token expires.
        given().header("Authorization", Gateway.bearer(token)).get(PATH).then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> verifier.cached(token) == null);
    }

    @Test
    void tokenContentsNeverReachTheLogs() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + String.valueOf(record.getThrown()));
                if (record.getParameters() != null) {
                    for (Object p : record.getParameters()) {
                        logged.add(String.valueOf(p));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            String tampered = TestTokens.forRole("student").tamperedPayload();
            String expired = TestTokens.forRole("student").expired();
            String valid = TestTokens.forRole("student").sign();
            for (String t : List.of(tampered, expired, valid)) {
                given().header("Authorization", Gateway.bearer(t)).get("/api/v1/instruments/slow");
            }
            for (String t : List.of(tampered, expired, valid)) {
                String[] parts = t.split("\\.");
                for (String line : logged) {
                    assertFalse(line.contains(parts[1]), "a token payload was logged: " + line);
                    assertFalse(parts.length > 2 && !parts[2].isEmpty() && line.contains(parts[2]),
                            "a token signature was logged: " + line);
                }
            }
            assertFalse(logged.isEmpty(), "the gateway logged something (upstream timeout), so the check saw logs");
        } finally {
            root.removeHandler(capture);
        }
    }
}
