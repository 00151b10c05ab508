package io.heartline.crisis.model;

/** What can be done to a case; {@link CaseRules} says in which states. */
public enum CaseAction {
    CONTACT, TRIAGE, LEAD, TEAM, WATCH_SHIFT, ACTION, FOLLOW_UP_PLAN, CHECK_IN, CLOSE, REOPEN, LINK_SOURCE
}
