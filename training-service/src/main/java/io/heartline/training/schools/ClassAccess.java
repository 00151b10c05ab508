package io.heartline.training.schools;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Roles;

/**
 * Which readers of a class also get its student id list: those who work with the students by name — the class's own
 * class teacher (a {@code teacher} the directory lists as its active class teacher), and the school's psychologists
 * and admins. Other staff and district admins see counts only.
 */
final class ClassAccess {

    private ClassAccess() {
    }

    static boolean mayListStudents(Caller caller, ClassView schoolClass) {
        if (!caller.inSchool(schoolClass.schoolId())) {
            return false;
        }
        if (caller.hasAnyRole(Roles.PSYCHOLOGIST, Roles.SCHOOL_ADMIN)) {
            return true;
        }
        return caller.hasRole(Roles.TEACHER) && schoolClass.classTeacherIds().contains(caller.id());
    }
}
