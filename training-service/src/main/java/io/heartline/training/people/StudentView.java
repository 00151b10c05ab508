package io.heartline.training.people;

import java.time.LocalDate;

/** {@code GET /api/v1/students/{id}}: enrolment facts, no name and no contacts. */
public record StudentView(String id, LocalDate dateOfBirth, String classId, String schoolId, boolean active,
        LocalDate guardianConsentRequiredUntil) {
}
