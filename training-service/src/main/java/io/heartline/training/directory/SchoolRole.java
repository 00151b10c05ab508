package io.heartline.training.directory;

import java.util.Optional;

/** A staff member's role at a school (HR's codes, API.md "training-service: directory"). */
public enum SchoolRole {
    PSYCHOLOGY_TEACHER, CLASS_TEACHER, GRADE_LEADER, SCHOOL_LEADER, MORAL_EDUCATION_HEAD, PSYCHOLOGY_CENTRE_HEAD,
    SCHOOL_DOCTOR, COUNSELLOR, OTHER;

    public static Optional<SchoolRole> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Psychology staff read guardians' contacts and (in other services) answers and case notes. */
    public boolean isPsychologyStaff() {
        return this == PSYCHOLOGY_TEACHER || this == PSYCHOLOGY_CENTRE_HEAD || this == COUNSELLOR;
    }
}
