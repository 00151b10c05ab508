package io.heartline.platform.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints RS256 tokens signed with the dev key, and the broken variants a security test needs.
 * <pre>
 * String token = TestTokens.forRole("psychologist").school("school-1").sign();
 * String expired = TestTokens.forRole("student").expired();
 * </pre>
 */
public final class TestTokens {

    public static final String ISSUER = "https://dev.heartline.local/issuer";
    public static final String AUDIENCE = "heartline";
    public static final String KID = "heartline-dev-1";
    public static final String PUBLIC_KEY_RESOURCE = "heartline/dev-keys/heartline-dev-verify.pem";
    private static final String PRIVATE_KEY_RESOURCE = "heartline/dev-keys/heartline-dev-signing.pem";

    /** Every Heartline role, for a caller that no role check stops (hostile-input corpora). */
    public static final String[] EVERY_ROLE = { "student", "staff", "teacher", "psychologist", "school-admin",
            "district-admin", "hr-sync" };

    private static final PrivateKey SIGNING_KEY = readPrivateKey();
    private static final PublicKey VERIFY_KEY = readPublicKey();

    private final Set<String> roles = new LinkedHashSet<>();
    private String subject = "user-" + UUID.randomUUID();
    private String school;
    private String district = "district-1";
    private String username;
    private String issuer = ISSUER;
    private String audience = AUDIENCE;
    private Instant issuedAt = Instant.now();
    private Duration lifetime = Duration.ofHours(1);

    private TestTokens(String... roles) {
        this.roles.addAll(List.of(roles));
    }

    public static TestTokens forRole(String... roles) {
        return new TestTokens(roles);
    }

    public TestTokens sub(String subject) {
        this.subject = subject;
        return this;
    }

    public TestTokens school(String school) {
        this.school = school;
        return this;
    }

    /** {@code null} leaves the claim out. */
    public TestTokens district(String district) {
        this.district = district;
        return this;
    }

    public TestTokens username(String username) {
        this.username = username;
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestTokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public TestTokens issuedAt(Instant issuedAt) {
        this.issuedAt = issuedAt;
        return this;
    }

    public TestTokens lifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    public String subject() {
        return subject;
    }

    /** A valid token. */
    public String sign() {
        return claims().jws().keyId(KID).sign(SIGNING_KEY);
    }

    /** Expired well beyond any clock skew allowance. */
    public String expired() {
        return issuedAt(Instant.now().minus(Duration.ofHours(2))).lifetime(Duration.ofHours(1)).sign();
    }

    /** Issued (and valid from) ten minutes in the future. */
    public String notYetValid() {
        Instant future = Instant.now().plus(Duration.ofMinutes(10));
        return claims().claim("nbf", future.getEpochSecond()).issuedAt(future.getEpochSecond())
                .jws().keyId(KID).sign(SIGNING_KEY);
    }

    public String wrongIssuer() {
        return issuer("https://evil.example/issuer").sign();
    }

    public String wrongAudience() {
        return audience("somebody-else").sign();
    }

    /** A valid token whose payload was then changed (role raised to district-admin) without re-signing. */
    public String tamperedPayload() {
        String[] parts = sign().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String raised = payload.replaceFirst("\"groups\":\\[[^]]*]", "\"groups\":[\"district-admin\"]");
        return parts[0] + "." + b64(raised) + "." + parts[2];
    }

    /** The same claims with {@code alg: none} and an empty signature. */
    public String algNone() {
        String[] parts = sign().split("\\.");
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    }

    /** HS256 signed with the RSA public key as the HMAC secret (the classic algorithm-confusion attack). */
    public String hs256WithPublicKey() {
        SecretKeySpec secret = new SecretKeySpec(VERIFY_KEY.getEncoded(), "HmacSHA256");
        return claims().jws().keyId(KID).algorithm(SignatureAlgorithm.HS256).sign(secret);
    }

    /** Signed by a key that is not ours, but naming our key id. */
    public String foreignKeyWithRealKid() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            return claims().jws().keyId(KID).sign(gen.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private JwtClaimsBuilder claims() {
        JwtClaimsBuilder b = Jwt.claims()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .groups(roles)
                .issuedAt(issuedAt.getEpochSecond())
                .expiresAt(issuedAt.plus(lifetime).getEpochSecond())
                .claim("jti", UUID.randomUUID().toString())
                .preferredUserName(username != null ? username : subject);
        if (school != null) {
            b.claim("school", school);
        }
        if (district != null) {
            b.claim("district", district);
        }
        return b;
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] pemBody(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing dev key " + resource);
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey readPrivateKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(PRIVATE_KEY_RESOURCE)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey readPublicKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemBody(PUBLIC_KEY_RESOURCE)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
