package io.heartline.referral.domain;

import io.heartline.platform.web.Caller;

/** Who made a change, as the history records it: a person from their token, or a part of the system. */
public record Actor(String id, String role) {

    public static final Actor SCREENING_INTAKE = new Actor("system:screening-intake", "system");
    public static final Actor SLA_SWEEPER = new Actor("system:sla-sweeper", "system");

    public static Actor of(Caller caller) {
        return new Actor(caller.id(), caller.primaryRole());
    }
}
