package io.heartline.crisis.webhook;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Subscription secrets at rest: AES-256-GCM under {@code heartline.crisis.webhooks.secret-key}, a fresh 12-byte nonce
 * per secret, the subscription id as associated data (a ciphertext moved to another row does not open). A database
 * dump alone does not give anyone the power to sign deliveries.
 */
@ApplicationScoped
public class SecretBox {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Inject
    SecretBox(WebhookConfig config) {
        this(config.secretKey());
    }

    SecretBox(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("heartline.crisis.webhooks.secret-key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("heartline.crisis.webhooks.secret-key must be 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public byte[] seal(UUID subscriptionId, byte[] secret) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(subscriptionId));
            byte[] sealed = c.doFinal(secret);
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a webhook secret", e);
        }
    }

    public byte[] open(UUID subscriptionId, byte[] sealed) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(sealed, NONCE)));
            c.updateAAD(aad(subscriptionId));
            return c.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (GeneralSecurityException e) {
            // Wrong key (rotated without re-encryption) or a tampered row: the delivery fails with SECRET_UNREADABLE.
            throw new IllegalStateException("Cannot decrypt the secret of webhook subscription " + subscriptionId);
        }
    }

    private static byte[] aad(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }
}
