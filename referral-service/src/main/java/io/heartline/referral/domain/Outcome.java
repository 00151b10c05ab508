package io.heartline.referral.domain;

/** How a completed referral ended; {@code NOT_RESOLVED} needs a reason. */
public enum Outcome {
    RESOLVED, ONGOING_CARE, REFERRED_EXTERNALLY, NOT_RESOLVED
}
