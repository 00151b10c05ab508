package io.heartline.platform.web;

import java.util.Set;

/**
 * The person behind a request, from the verified token: {@code sub}, {@code groups}, {@code school} (absent for
 * district-level users) and {@code district}.
 */
public record Caller(String id, Set<String> roles, String school, String district, String username) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... wanted) {
        for (String r : wanted) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** The role recorded in audit rows: the most privileged one the caller holds, for a stable trail. */
    public String primaryRole() {
        for (String r : Roles.BY_PRIVILEGE) {
            if (roles.contains(r)) {
                return r;
            }
        }
        return roles.isEmpty() ? "none" : roles.iterator().next();
    }

    /**
     * Same school id as the caller's. A school id is unique only within its district: use this alone only on records
     * already selected within the caller's district; otherwise {@link #inSchool(String, String)}.
     */
    public boolean inSchool(String otherSchool) {
        return school != null && school.equals(otherSchool);
    }

    /** The caller's school is this (district, school) pair: the scope of every school-level record. */
    public boolean inSchool(String otherDistrict, String otherSchool) {
        return inDistrict(otherDistrict) && inSchool(otherSchool);
    }

    public boolean inDistrict(String otherDistrict) {
        return district != null && district.equals(otherDistrict);
    }

    /** The caller's district, or 403 for a token without one. */
    public String requireDistrict() {
        if (district == null) {
            throw ProblemException.forbidden("This action needs an account of a district (token without 'district')");
        }
        return district;
    }

    /** The caller's school, or 403 for district-level callers on school-scoped actions. */
    public String requireSchool() {
        if (school == null) {
            throw ProblemException.forbidden("This action needs a school-scoped account (token without 'school')");
        }
        return school;
    }
}
