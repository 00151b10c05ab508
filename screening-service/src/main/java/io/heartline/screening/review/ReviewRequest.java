package io.heartline.screening.review;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.heartline.screening.instrument.RiskLevel;

/**
 * Body of {@code POST /api/v1/screenings/{id}/review}: CONFIRM keeps the computed level, RAISE names a higher one,
 * LOWER a lower one; {@code reasonCode} is a code (e.g. {@code INTERVIEW_FINDINGS}); {@code note} stays in this
 * service (never in events or audit rows).
 */
public record ReviewRequest(
        @NotNull Decision decision,
        @NotNull RiskLevel riskLevel,
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}", message = "an UPPER_SNAKE_CASE code") String reasonCode,
        @Size(max = 4000) String note) {

    public enum Decision {
        CONFIRM, RAISE, LOWER
    }
}
