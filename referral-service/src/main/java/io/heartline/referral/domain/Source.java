package io.heartline.referral.domain;

/** Where a referral came from. {@code SCREENING} referrals are created only from risk-flagged events. */
public enum Source {
    SCREENING, TEACHER_OBSERVATION, SELF, GUARDIAN, PEER, OTHER
}
