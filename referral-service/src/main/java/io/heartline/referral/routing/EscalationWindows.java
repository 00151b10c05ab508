package io.heartline.referral.routing;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.heartline.referral.domain.Tier;

/**
 * How long a stage opened by escalation or re-routing has to accept: the referral's routed time, capped per tier, so
 * a CRITICAL referral (2 h) stays at 2 h all the way up while a MODERATE one (48 h) gets at most 24 h once escalated.
 */
public final class EscalationWindows {

    public static final Map<Tier, Duration> DEFAULT_CAPS = Map.of(
            Tier.CLASS_TEACHER, Duration.ofHours(72),
            Tier.SCHOOL_PSYCHOLOGIST, Duration.ofHours(48),
            Tier.SCHOOL_CENTRE, Duration.ofHours(24),
            Tier.DISTRICT_CENTRE, Duration.ofHours(24),
            Tier.HOSPITAL, Duration.ofHours(24));

    private final Map<Tier, Duration> caps = new EnumMap<>(DEFAULT_CAPS);

    /** @param overrides tier name → cap; unknown names fail fast at startup */
    public EscalationWindows(Map<String, Duration> overrides) {
        overrides.forEach((tier, cap) -> {
            if (cap.isNegative() || cap.isZero()) {
                throw new IllegalArgumentException("escalation cap of " + tier + " must be positive");
            }
            caps.put(Tier.valueOf(tier), cap);
        });
    }

    public Duration windowFor(Tier tier, Duration routed) {
        Duration cap = caps.get(tier);
        return routed.compareTo(cap) <= 0 ? routed : cap;
    }

}
