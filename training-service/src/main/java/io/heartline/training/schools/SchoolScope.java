package io.heartline.training.schools;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;

/**
 * Who may look at a school's directory data: its own school roles, and district admins of its district. The district
 * is always the caller's own (every query is keyed by it), so a school id of another district is simply not found.
 */
public final class SchoolScope {

    private SchoolScope() {
    }

    /** @throws ProblemException 404 when the school is outside the caller's scope (existence is not revealed) */
    public static void require(Caller caller, String schoolId, String what) {
        if (!mayRead(caller, schoolId)) {
            throw ProblemException.notFound(what);
        }
    }

    public static boolean mayRead(Caller caller, String schoolId) {
        return caller.hasRole(Roles.DISTRICT_ADMIN) || caller.inSchool(schoolId);
    }
}
