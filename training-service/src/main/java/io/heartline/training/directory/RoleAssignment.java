package io.heartline.training.directory;

import java.util.List;

/** One school role of a staff member; {@code classIds} only for {@code CLASS_TEACHER}, sorted for comparison. */
public record RoleAssignment(SchoolRole role, String schoolId, List<String> classIds, boolean fullTime) {

    public RoleAssignment {
        classIds = classIds == null ? List.of() : classIds.stream().distinct().sorted().toList();
    }
}
