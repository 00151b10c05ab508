package io.heartline.referral.access;

/** How much of a referral a caller may see, least first. */
public enum View {
    /** Out of scope: answered as 404, so that the referral's existence is not revealed. */
    NONE,
    /** A class teacher's need-to-know: who, what to do, by when. No risk level, flags, reasons or notes. */
    TEACHER,
    /** School leadership: the referral's course (tiers, statuses, times, reason codes) without sensitive content. */
    STANDARD,
    /** Psychologists of the school, and the district centre for district tiers: everything; every read is audited. */
    FULL;

    public View max(View other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
