package io.heartline.referral.domain;

/** Status of one stage of a referral; the referral's status is that of its current stage. */
public enum StageStatus {
    PENDING, ACCEPTED, IN_PROGRESS, COMPLETED, DECLINED, ESCALATED, CANCELLED;

    /** Open stages still need someone to act; the others are closed for good. */
    public boolean isOpen() {
        return this == PENDING || this == ACCEPTED || this == IN_PROGRESS;
    }
}
