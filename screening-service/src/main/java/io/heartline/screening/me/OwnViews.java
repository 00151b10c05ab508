package io.heartline.screening.me;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.heartline.screening.instrument.RiskLevel;
import io.heartline.screening.result.ResultViews;

/** {@code GET /api/v1/me/screenings}: the caller's own results, trends and plain-language summaries. */
public final class OwnViews {

    private OwnViews() {
    }

    /**
     * @param language the language of titles, labels and summaries ({@code zh-CN} or {@code en})
     * @param items a page of the caller's results, newest first
     * @param reports one per instrument the caller has results of (on every page: they do not depend on the cursor)
     */
    public record MyScreenings(String language, List<MyResult> items, String nextCursor, List<Report> reports) {
    }

    /**
     * One result. {@code riskLevel} is the reviewed level when a psychologist reviewed it, else the computed one;
     * {@code reviewed} says which.
     */
    public record MyResult(UUID id, String instrument, Instant submittedAt, RiskLevel riskLevel, boolean reviewed,
            String bandLabel) {
    }

    /**
     * What the caller's latest results of one instrument say.
     *
     * @param needsAttention the latest result's level is {@code MODERATE} or above
     * @param lowestAreas for instruments where a higher rating is better (e.g. STAFF-MONTHLY): the lowest-rated areas
     *        of the latest result, from the caller's own answers (empty otherwise)
     */
    public record Report(String instrument, String title, ResultViews.Direction direction, ResultViews.Trend trend,
            Instant latestAt, RiskLevel latestRiskLevel, boolean needsAttention, List<Area> lowestAreas,
            String summary) {
    }

    /** One area (item) of the caller's own latest answers: its text and the option chosen. */
    public record Area(int item, String text, int value, String label) {
    }
}
