package io.heartline.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static JsonWebToken expiringAt(long epochSecond) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "someone";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(epochSecond) : null;
            }
        };
    }

    @Test
    void aTokenIsRememberedUntilItsExpiryAndNoLonger() {
        long now = 1_800_000_000_000L;
        long nowSeconds = now / 1000;
        assertEquals(TimeUnit.SECONDS.toNanos(90), VerifiedTokens.remainingNanos(expiringAt(nowSeconds + 90), now));
        assertEquals(0, VerifiedTokens.remainingNanos(expiringAt(nowSeconds), now), "expired now: verify again");
        assertEquals(0, VerifiedTokens.remainingNanos(expiringAt(nowSeconds - 20), now),
                "inside the skew: smallrye decides, nothing remembered");
    }

    @Test
    void aLongLivedTokenIsRememberedForTenMinutesAtMost() {
        long now = 1_800_000_000_000L;
        assertEquals(VerifiedTokens.MAX_AGE.toNanos(),
                VerifiedTokens.remainingNanos(expiringAt(now / 1000 + 86_400), now));
    }
}
