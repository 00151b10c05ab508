package io.heartline.screening.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A campaign and its progress: how many people were expected and how many completed (distinct subjects with a
 * screening linked to it). Never scores.
 *
 * @param completionRate completed / expected, 0 to 1 with 4 decimals; null when nobody is expected yet
 */
public record CampaignReport(UUID id, String instrument, String title, String school, Cohort cohort,
        Instant opensAt, Instant closesAt, Status status, long expected, long completed, BigDecimal completionRate,
        String createdBy, Instant createdAt) {

    public enum Cohort {
        SUBJECTS, ALL_STAFF
    }

    public enum Status {
        SCHEDULED, OPEN, CLOSED
    }
}
