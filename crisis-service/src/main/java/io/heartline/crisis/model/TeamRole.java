package io.heartline.crisis.model;

import java.util.Set;

/** The emergency team of an EXTREME case, and the directory's school roles (HR codes) that may fill each place. */
public enum TeamRole {
    PRINCIPAL(Set.of("SCHOOL_LEADER")),
    CENTRE_HEAD(Set.of("PSYCHOLOGY_CENTRE_HEAD")),
    MORAL_EDUCATION_HEAD(Set.of("MORAL_EDUCATION_HEAD")),
    SCHOOL_DOCTOR(Set.of("SCHOOL_DOCTOR"));

    private final Set<String> directoryRoles;

    TeamRole(Set<String> directoryRoles) {
        this.directoryRoles = directoryRoles;
    }

    public Set<String> directoryRoles() {
        return directoryRoles;
    }
}
