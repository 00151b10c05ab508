package io.heartline.screening.result;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.heartline.screening.instrument.Metric;
import io.heartline.screening.instrument.RiskLevel;
import io.heartline.screening.instrument.SubjectType;
import io.heartline.screening.scoring.Answer;
import io.heartline.screening.scoring.Flag;
import io.heartline.screening.scoring.SubscaleScore;

/** A screening row (with its latest review) as read back; {@code answers} and {@code subscales} are null when the query did not need them. */
public record StoredScreening(UUID id, String school, String subjectId, SubjectType subjectType, String instrument,
        int instrumentVersion, String scoringRulesVersion, Instant submittedAt, UUID campaignId, List<Answer> answers,
        int totalScore, BigDecimal meanScore, BigDecimal percentageScore, Metric bandedOn, BigDecimal bandScore,
        List<SubscaleScore> subscales, String band, RiskLevel computedRiskLevel, List<Flag> flags, String language,
        String consentBasis, Review review) {

    /** The latest clinical review, or null. */
    public record Review(RiskLevel riskLevel, String decision, String reasonCode, String by, Instant at) {
    }

    /** The current level: the latest review's, else the computed one. */
    public RiskLevel riskLevel() {
        return review == null ? computedRiskLevel : review.riskLevel();
    }
}
