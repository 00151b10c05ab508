package io.heartline.screening.consent;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.heartline.platform.web.PersonId;

/** Bodies of the consent endpoints. */
public final class ConsentRequests {

    private ConsentRequests() {
    }

    /**
     * {@code POST /api/v1/consents}.
     *
     * @param campaignId required for scope CAMPAIGN, refused for STANDING
     * @param guardianId the directory id of the guardian; required when {@code givenBy} is GUARDIAN
     */
    public record Record(
            @NotNull @PersonId String subjectId,
            @NotNull Consent.Scope scope,
            UUID campaignId,
            @NotNull Consent.GivenBy givenBy,
            @PersonId String guardianId,
            @NotNull Consent.Method method,
            @NotNull Instant givenAt) {
    }

    /** {@code POST /api/v1/consents/{id}/withdraw}: {@code at} defaults to now. */
    public record Withdraw(Instant at, @NotNull @Size(min = 1, max = 500) String reason) {
    }
}
