package io.heartline.referral.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.SubjectType;

/** The data of {@code heartline.screening.risk-flagged.v1}: ids, level and flag codes, never answers or scores. */
public record RiskFlagged(UUID screeningId, String instrument, String subjectId, SubjectType subjectType,
        RiskLevel riskLevel, Instant submittedAt, UUID campaignId, List<String> flags) {
}
