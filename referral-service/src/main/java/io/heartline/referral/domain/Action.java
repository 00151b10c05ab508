package io.heartline.referral.domain;

/** What people (or the SLA sweeper) do to the current stage of a referral. */
public enum Action {
    ACCEPT, START, COMPLETE, DECLINE, ESCALATE, CANCEL, ASSIGN;

    /** The path segment of the action's endpoint, e.g. {@code accept}. */
    public String verb() {
        return name().toLowerCase();
    }
}
