package io.heartline.training.people;

import java.util.List;

import io.heartline.training.directory.RoleAssignment;
import io.heartline.training.directory.SchoolRole;

/** One school role of a staff member; {@code classIds} for {@code CLASS_TEACHER}. */
public record StaffRoleView(SchoolRole role, String schoolId, List<String> classIds, boolean fullTime) {

    static StaffRoleView of(RoleAssignment r) {
        return new StaffRoleView(r.role(), r.schoolId(), r.classIds(), r.fullTime());
    }
}
