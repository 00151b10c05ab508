package io.heartline.platform.web;

import java.util.List;

/** The role names of the {@code groups} claim (CONVENTIONS "Security"). */
public final class Roles {
    public static final String STUDENT = "student";
    public static final String STAFF = "staff";
    public static final String TEACHER = "teacher";
    public static final String PSYCHOLOGIST = "psychologist";
    public static final String SCHOOL_ADMIN = "school-admin";
    public static final String DISTRICT_ADMIN = "district-admin";
    public static final String HR_SYNC = "hr-sync";

    static final List<String> BY_PRIVILEGE = List.of(DISTRICT_ADMIN, SCHOOL_ADMIN, PSYCHOLOGIST, TEACHER, STAFF,
            HR_SYNC, STUDENT);

    private Roles() {
    }
}
