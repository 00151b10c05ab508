package io.heartline.screening.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A campaign and its progress: how many people were expected and how many completed (distinct subjects with a
 * screening linked to it). Never scores.
 *
 * @param completionRate completed / expected, 0 to 1 with 4 decimals; null when nobody is expected yet
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record CampaignReport(UUID id, String instrument, String title, String school, Cohort cohort,
        String cohortRef, Instant opensAt, Instant closesAt, Status status, long expected, long completed,
        BigDecimal completionRate, List<ClassProgress> byClass, String createdBy, Instant createdAt, String repeat,
        UUID repeatOf, UUID nextId) {

    /** Listed subjects; all staff of the school; or, from the directory, a class, a grade, the school's students. */
    public enum Cohort {
        SUBJECTS, ALL_STAFF, CLASS, GRADE, SCHOOL_STUDENTS
    }

    /** Completion of one class of a student cohort (directory cohorts only), never scores. */
    public record ClassProgress(String classId, long expected, long completed, BigDecimal completionRate) {
    }

    public enum Status {
        SCHEDULED, OPEN, CLOSED
    }
}
