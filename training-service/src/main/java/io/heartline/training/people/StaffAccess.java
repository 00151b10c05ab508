package io.heartline.training.people;

import java.util.List;
import java.util.Optional;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Roles;
import io.heartline.training.directory.Person;
import io.heartline.training.directory.RoleAssignment;

/**
 * Who sees a staff member, and how much: the person themself and district admins see every role; a school's admins
 * and psychologists see the staff of their school with the roles held there (a teacher working at two schools is the
 * other school's business). Anyone else: not found.
 */
final class StaffAccess {

    private StaffAccess() {
    }

    static Optional<StaffView> view(Caller caller, Person person) {
        if (caller.id().equals(person.personId()) || caller.hasRole(Roles.DISTRICT_ADMIN)) {
            return Optional.of(view(person, person.roles()));
        }
        String school = caller.school();
        if (school != null && caller.hasAnyRole(Roles.SCHOOL_ADMIN, Roles.PSYCHOLOGIST) && worksAt(person, school)) {
            return Optional.of(view(person, person.roles().stream().filter(r -> school.equals(r.schoolId())).toList()));
        }
        return Optional.empty();
    }

    static boolean worksAt(Person person, String school) {
        return school.equals(person.schoolId()) || person.roles().stream().anyMatch(r -> school.equals(r.schoolId()));
    }

    private static StaffView view(Person p, List<RoleAssignment> roles) {
        return new StaffView(p.personId(), p.displayLabel(), roles.stream().map(StaffRoleView::of).toList(),
                p.active());
    }
}
