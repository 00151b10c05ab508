package io.heartline.referral.domain;

import java.util.Optional;

import io.heartline.platform.web.Roles;

/** The referral chain, lowest first. Each tier is worked by one role, scoped to the school or the district. */
public enum Tier {
    CLASS_TEACHER(Roles.TEACHER, false),
    SCHOOL_PSYCHOLOGIST(Roles.PSYCHOLOGIST, false),
    SCHOOL_CENTRE(Roles.PSYCHOLOGIST, false),
    DISTRICT_CENTRE(Roles.DISTRICT_ADMIN, true),
    /** Partner psychiatric hospital ("green channel"); the district centre records its answers. */
    HOSPITAL(Roles.DISTRICT_ADMIN, true);

    private final String role;
    private final boolean districtLevel;

    Tier(String role, boolean districtLevel) {
        this.role = role;
        this.districtLevel = districtLevel;
    }

    /** The role whose members accept and work stages of this tier. */
    public String role() {
        return role;
    }

    /** District tiers are scoped to the district, the others to the school. */
    public boolean isDistrictLevel() {
        return districtLevel;
    }

    public Optional<Tier> next() {
        Tier[] all = values();
        return ordinal() + 1 < all.length ? Optional.of(all[ordinal() + 1]) : Optional.empty();
    }

    /**
     * Where a declined stage goes: the next tier up, never down. A declining hospital hands the referral back to the
     * district centre, which must find another way; no referral is left without an owner.
     */
    public Tier afterDecline() {
        return next().orElse(DISTRICT_CENTRE);
    }

    public boolean isBelow(Tier other) {
        return ordinal() < other.ordinal();
    }

    public boolean isAbove(Tier other) {
        return ordinal() > other.ordinal();
    }

    public Tier atLeast(Tier floor) {
        return floor.isAbove(this) ? floor : this;
    }
}
