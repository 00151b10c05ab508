package io.heartline.referral.routing;

import java.util.EnumSet;
import java.util.Set;

import io.heartline.referral.domain.Tier;

/**
 * Which school tiers have nobody in role for this referral, from the directory: no known class teacher for the
 * student, no psychology staff at the school. A tier the directory cannot judge counts as staffed.
 */
public record Staffing(Set<Tier> unstaffed) {

    public static final Staffing ALL = new Staffing(Set.of());

    public Staffing {
        unstaffed = unstaffed.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(unstaffed));
    }

    public boolean isStaffed(Tier tier) {
        return !unstaffed.contains(tier);
    }

    /** The reason code a tier skipped for want of people is recorded with. */
    public static String reasonFor(Tier tier) {
        return tier == Tier.CLASS_TEACHER ? "NO_CLASS_TEACHER" : "NOBODY_IN_ROLE_" + tier.name();
    }
}
