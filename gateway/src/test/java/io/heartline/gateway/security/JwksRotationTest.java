package io.heartline.gateway.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.heartline.gateway.support.Gateway;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Keys from a JWKS URL, as in production: a key added at the identity provider (new kid) works at once, a key
 * removed from it stops working once the key set is re-read (here the test server's Cache-Control max-age of 1 s
 * stands in for the production refresh-interval) and the verified-token cache entry ages out (here 1 s).
 */
@QuarkusTest
@TestProfile(JwksRotationTest.FromJwks.class)
class JwksRotationTest {

    public static class FromJwks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    // The default only exists so that the build sees a key location (else it would make an in-memory key).
                    "mp.jwt.verify.publickey.location", "${heartline.test.jwks-url:http://127.0.0.1:9/jwks}",
                    "smallrye.jwt.jwks.forced-refresh-interval", "0",
                    "heartline.gateway.auth.cache-max-age", "1s");
        }
    }

    private static final KeyPair OLD = rsa();
    private static final KeyPair NEW = rsa();

    @Test
    void aRotatedKeyWorksAndARemovedKeyStopsWorking() {
        publish(jwk("rot-old", OLD));
        String oldToken = token("rot-old", OLD);
        call(oldToken, 200);
        call(token("rot-new", NEW), 401);

        // Rotation: the identity provider publishes the new key beside the old one.
        publish(jwk("rot-old", OLD), jwk("rot-new", NEW));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(token("rot-new", NEW)) == 200);
        call(oldToken, 200);

        // Removal: the old key goes; tokens signed with it stop working, the cached one included.
        publish(jwk("rot-new", NEW));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(oldToken) == 401 && status(token("rot-old", OLD)) == 401);
        call(token("rot-new", NEW), 200);
    }

    private static void call(String token, int status) {
        given().header("Authorization", Gateway.bearer(token)).get("/api/v1/instruments").then().statusCode(status);
    }

    private static int status(String token) {
        return given().header("Authorization", Gateway.bearer(token)).get("/api/v1/instruments").statusCode();
    }

    private static String token(String kid, KeyPair keys) {
        return Jwt.claims().issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).subject("rotation-" + kid)
                .groups("student").expiresIn(600).jws().keyId(kid).sign(keys.getPrivate());
    }

    private static void publish(JsonObject... keys) {
        String url = ConfigProvider.getConfig().getValue("heartline.test.jwks-url", String.class);
        given().body(new JsonObject().put("keys", new JsonArray(Arrays.asList((Object[]) keys))).encode())
                .put(url).then().statusCode(204);
    }

    private static JsonObject jwk(String kid, KeyPair keys) {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        return new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
                .put("n", b64(pub.getModulus())).put("e", b64(pub.getPublicExponent()));
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return gen.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
