package io.heartline.crisis.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

/**
 * Our signer against the specification's published test vector and against someone else's implementation (the
 * standardwebhooks Java library from Maven Central), so that the scheme is proven with a client we did not write.
 */
class WebhookSigningTest {

    // The vector published with the Standard Webhooks libraries (secret, id, timestamp, body → signature).
    static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long VECTOR_TIMESTAMP = 1614265330L;
    static final String VECTOR_BODY = "{\"test\": 2432232314}";
    static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void thePublishedTestVector() {
        byte[] key = WebhookSigning.parseSecret(VECTOR_SECRET);
        assertEquals(VECTOR_SIGNATURE, WebhookSigning.signature(key, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY));
    }

    @Test
    void theLibraryVerifiesWhatWeSignAndRefusesATamperedBody() throws Exception {
        String secret = WebhookSigning.formatSecret(WebhookSigning.newKey());
        String id = UUID.randomUUID().toString();
        long now = Instant.now().getEpochSecond(); // the library checks the timestamp against the system clock
        String body = WebhookPayload.alert("alert.raised", Instant.now(), new WebhookPayload.AlertData(
                UUID.randomUUID(), "CRITICAL_SCREENING", "school-1", "CRITICAL", "SCREENING",
                UUID.randomUUID().toString(), 1, "OPEN", Instant.now(), null, null, null));
        String signature = WebhookSigning.signature(WebhookSigning.parseSecret(secret), id, now, body);
        Map<String, List<String>> headers = Map.of("webhook-id", List.of(id), "webhook-timestamp",
                List.of(Long.toString(now)), "webhook-signature", List.of(signature));

        new Webhook(secret).verify(body, headers); // throws when it does not verify
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(secret).verify(body.replace("CRITICAL_SCREENING", "EXTREME_TRIAGE"), headers));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(
                WebhookSigning.formatSecret(WebhookSigning.newKey())).verify(body, headers));
        // and both sides agree on the signature itself
        assertEquals(new Webhook(secret).sign(id, now, body), signature);
    }

    @Test
    void aGeneratedSecretIsWhsecWith32RandomBytes() {
        String a = WebhookSigning.formatSecret(WebhookSigning.newKey());
        String b = WebhookSigning.formatSecret(WebhookSigning.newKey());
        assertTrue(a.startsWith("whsec_"));
        assertEquals(32, WebhookSigning.parseSecret(a).length);
        assertTrue(!a.equals(b));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw|must start with 'whsec_'",
            "whsec_not base64!!|must be 'whsec_' followed by base64",
            "whsec_c2hvcnQ=|must encode 24 to 64 random bytes",
            "whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQQ==|must encode 24 to 64 random bytes" })
    void badSecretsAreRefusedWithAReason(String secret, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WebhookSigning.parseSecret(secret));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void theSecretBoxOpensOnlyForItsOwnRow() {
        SecretBox box = new SecretBox("ZGV2LW9ubHktd2ViaG9vay1zZWNyZXQta2V5LTMyYmI=");
        byte[] key = WebhookSigning.newKey();
        UUID row = UUID.randomUUID();
        byte[] sealed = box.seal(row, key);
        assertArrayEquals(key, box.open(row, sealed));
        assertThrows(IllegalStateException.class, () -> box.open(UUID.randomUUID(), sealed));
        assertThrows(IllegalStateException.class, () -> new SecretBox("c2hvcnQ="));
    }
}
