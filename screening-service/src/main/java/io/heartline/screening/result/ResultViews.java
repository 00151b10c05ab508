package io.heartline.screening.result;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.heartline.screening.instrument.Metric;
import io.heartline.screening.instrument.RiskLevel;
import io.heartline.screening.instrument.SubjectType;
import io.heartline.screening.scoring.Answer;
import io.heartline.screening.scoring.Flag;
import io.heartline.screening.scoring.SubscaleScore;

/** Confidential views: only psychologists of the school see them, and every one served is audited. */
public final class ResultViews {

    private ResultViews() {
    }

    /** {@code GET /api/v1/screenings/{id}}: everything, answers included. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(UUID id, String instrument, int instrumentVersion, String scoringRulesVersion,
            String subjectId, SubjectType subjectType, String school, Instant submittedAt, UUID campaignId,
            List<Answer> answers, int totalScore, BigDecimal meanScore, BigDecimal percentageScore, Metric bandedOn,
            BigDecimal bandScore, List<SubscaleScore> subscales, String band, String bandLabel, RiskLevel riskLevel,
            RiskLevel computedRiskLevel, Review review, List<Flag> flags, String language, String consentBasis) {

        public static Result of(StoredScreening s, String bandLabel) {
            return new Result(s.id(), s.instrument(), s.instrumentVersion(), s.scoringRulesVersion(), s.subjectId(),
                    s.subjectType(), s.school(), s.submittedAt(), s.campaignId(), s.answers(), s.totalScore(),
                    s.meanScore(), s.percentageScore(), s.bandedOn(), s.bandScore(), s.subscales(), s.band(),
                    bandLabel, s.riskLevel(), s.computedRiskLevel(), Review.of(s), s.flags(), s.language(),
                    s.consentBasis());
        }
    }

    /** The latest clinical review of a result: who, when, what and why (a code; the note is not shown here). */
    public record Review(String by, Instant at, String decision, String reasonCode) {
        static Review of(StoredScreening s) {
            return s.review() == null ? null
                    : new Review(s.review().by(), s.review().at(), s.review().decision(), s.review().reasonCode());
        }
    }

    /** A worklist or archive entry: the result without the answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(UUID id, String instrument, int instrumentVersion, String subjectId, SubjectType subjectType,
            Instant submittedAt, UUID campaignId, int totalScore, BigDecimal meanScore, BigDecimal percentageScore,
            Metric bandedOn, BigDecimal bandScore, List<SubscaleScore> subscales, String band, String bandLabel,
            RiskLevel riskLevel, RiskLevel computedRiskLevel, Review review, List<Flag> flags) {

        static Summary of(StoredScreening s, String bandLabel) {
            return new Summary(s.id(), s.instrument(), s.instrumentVersion(), s.subjectId(), s.subjectType(),
                    s.submittedAt(), s.campaignId(), s.totalScore(), s.meanScore(), s.percentageScore(), s.bandedOn(),
                    s.bandScore(), s.subscales(), s.band(), bandLabel, s.riskLevel(), s.computedRiskLevel(),
                    Review.of(s), s.flags());
        }
    }

    /** The archive of one person at the school: a page of results, newest first, and a trend per instrument. */
    public record Archive(String subjectId, List<Summary> items, String nextCursor, List<Trend> trends) {
    }

    /**
     * The latest results of one instrument, oldest first, and which way the last one moved compared with the one
     * before: by risk level first, then by the banded score read in the instrument's own direction.
     */
    public record Trend(String instrument, Metric metric, boolean higherScoreIsWorse, Direction direction,
            List<TrendPoint> points) {
    }

    public record TrendPoint(UUID screeningId, Instant submittedAt, int instrumentVersion, BigDecimal score,
            String band, RiskLevel riskLevel) {
    }

    public enum Direction {
        IMPROVING, STABLE, WORSENING, SINGLE_RESULT
    }
}
