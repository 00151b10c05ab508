package io.heartline.crisis.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric scheme of the Standard Webhooks specification (v1.0.0): the signed content is
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, the signature {@code v1,<base64 HMAC-SHA256>}, the secret
 * {@code whsec_<base64 of 24..64 random bytes>}. Written from the specification's text; checked against its published
 * test vector and the standardwebhooks Java library (tests).
 */
public final class WebhookSigning {

    public static final String SECRET_PREFIX = "whsec_";
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;
    private static final int NEW_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSigning() {
    }

    /** The key bytes of a {@code whsec_…} secret. @throws IllegalArgumentException saying what is wrong (no secret) */
    public static byte[] parseSecret(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("must start with '" + SECRET_PREFIX + "'");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be '" + SECRET_PREFIX + "' followed by base64");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "must encode " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " random bytes");
        }
        return key;
    }

    public static String formatSecret(byte[] key) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static byte[] newKey() {
        byte[] key = new byte[NEW_KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    /** The {@code webhook-signature} value for one attempt. */
    public static String signature(byte[] key, String messageId, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            byte[] digest = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
