package io.heartline.platform.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The minted tokens verify under the rules the services apply, and each broken variant fails them. */
class TestTokensTest {

    private static final JwtConsumer VERIFIER = new JwtConsumerBuilder()
            .setRequireExpirationTime()
            .setAllowedClockSkewInSeconds(30)
            .setRequireSubject()
            .setExpectedIssuer(TestTokens.ISSUER)
            .setExpectedAudience(TestTokens.AUDIENCE)
            .setVerificationKey(publicKey())
            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
            .build();

    @Test
    void validTokenCarriesTheClaims() throws Exception {
        String token = TestTokens.forRole("psychologist").sub("p-1").school("school-1").district("district-9").sign();
        JwtClaims claims = VERIFIER.processToClaims(token);
        assertEquals("p-1", claims.getSubject());
        assertEquals(List.of("psychologist"), claims.getStringListClaimValue("groups"));
        assertEquals("school-1", claims.getStringClaimValue("school"));
        assertEquals("district-9", claims.getStringClaimValue("district"));
    }

    record Broken(String name, Supplier<String> token) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Broken> broken() {
        return List.of(
                new Broken("expired", () -> TestTokens.forRole("student").expired()),
                new Broken("not yet valid", () -> TestTokens.forRole("student").notYetValid()),
                new Broken("wrong issuer", () -> TestTokens.forRole("student").wrongIssuer()),
                new Broken("wrong audience", () -> TestTokens.forRole("student").wrongAudience()),
                new Broken("tampered payload", () -> TestTokens.forRole("student").tamperedPayload()),
                new Broken("alg none", () -> TestTokens.forRole("student").algNone()),
                new Broken("HS256 with the public key", () -> TestTokens.forRole("student").hs256WithPublicKey()),
                new Broken("foreign key, real kid", () -> TestTokens.forRole("student").foreignKeyWithRealKid()));
    }

    @ParameterizedTest
    @MethodSource("broken")
    void brokenVariantsFailVerification(Broken broken) {
        assertThrows(InvalidJwtException.class, () -> VERIFIER.processToClaims(broken.token().get()));
    }

    @Test
    void tamperedTokenReallyClaimsAnotherRole() {
        String payload = TestTokens.forRole("student").tamperedPayload().split("\\.")[1];
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        assertEquals(true, json.contains("\"groups\":[\"district-admin\"]"), json);
    }

    private static PublicKey publicKey() {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(TestTokens.PUBLIC_KEY_RESOURCE)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
