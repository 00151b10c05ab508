package io.heartline.training.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * What a source says a person is now: the desired state the directory compares with what it holds. Built by the
 * roster parsers and by SCIM; {@code previousSourceId} names the id the source used before a re-key.
 */
public record PersonInput(PersonKind kind, PersonSource source, String sourceId, String previousSourceId,
        String userName, String displayName, String givenName, String familyName, String schoolId, String classId,
        LocalDate dateOfBirth, String email, String phone, String department, boolean active,
        List<RoleAssignment> roles, Instant sourceModifiedAt) {

    public PersonInput {
        roles = roles == null ? List.of()
                : roles.stream().sorted(Comparator.comparing((RoleAssignment r) -> r.schoolId())
                        .thenComparing(r -> r.role().name())).toList();
    }

    public PersonInput withActive(boolean value) {
        return new PersonInput(kind, source, sourceId, previousSourceId, userName, displayName, givenName, familyName,
                schoolId, classId, dateOfBirth, email, phone, department, value, roles, sourceModifiedAt);
    }
}
