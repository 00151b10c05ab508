package io.heartline.training.directory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A person as the directory holds them. {@code personId} never changes; {@code sourceId} follows re-keys. */
public record Person(String district, String personId, PersonKind kind, PersonSource source, String sourceId,
        String userName, String displayName, String givenName, String familyName, String schoolId, String classId,
        LocalDate dateOfBirth, String email, String phone, String department, boolean active,
        List<RoleAssignment> roles, Instant sourceModifiedAt, Instant createdAt, Instant updatedAt, int version) {

    /** The last day a student still needs a guardian's consent: the day before the 14th birthday. */
    public static LocalDate guardianConsentRequiredUntil(LocalDate dateOfBirth) {
        return dateOfBirth == null ? null : dateOfBirth.plusYears(14).minusDays(1);
    }

    /** True when the input describes exactly what is held (names and contacts included, timestamps not). */
    public boolean sameAs(PersonInput in) {
        return kind == in.kind() && java.util.Objects.equals(sourceId, in.sourceId())
                && java.util.Objects.equals(userName, in.userName())
                && java.util.Objects.equals(displayName, in.displayName())
                && java.util.Objects.equals(givenName, in.givenName())
                && java.util.Objects.equals(familyName, in.familyName())
                && java.util.Objects.equals(schoolId, in.schoolId())
                && java.util.Objects.equals(classId, in.classId())
                && java.util.Objects.equals(dateOfBirth, in.dateOfBirth())
                && java.util.Objects.equals(email, in.email())
                && java.util.Objects.equals(phone, in.phone())
                && java.util.Objects.equals(department, in.department())
                && active == in.active() && roles.equals(in.roles());
    }

    public String displayLabel() {
        if (displayName != null) {
            return displayName;
        }
        String n = ((familyName == null ? "" : familyName) + " " + (givenName == null ? "" : givenName)).trim();
        return n.isEmpty() ? null : n;
    }
}
