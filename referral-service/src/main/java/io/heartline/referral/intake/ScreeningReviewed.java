package io.heartline.referral.intake;

import java.util.UUID;

import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.SubjectType;

/** The data of {@code heartline.screening.reviewed.v1}: a psychologist's decision on a result, codes only. */
public record ScreeningReviewed(UUID screeningId, String subjectId, SubjectType subjectType,
        RiskLevel computedRiskLevel, RiskLevel riskLevel, String decision, String reasonCode) {
}
