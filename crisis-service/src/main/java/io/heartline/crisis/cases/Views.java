package io.heartline.crisis.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the case endpoints answer. Notes, factors and the review appear only in the privileged view. */
public final class Views {
    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReportReceipt(UUID reportId, UUID caseId, String receiptCode, Instant firstContactDueAt,
            boolean lateReport) {
    }

    public record Clock(String kind, int seq, Instant dueAt, Instant metAt, boolean breached) {
    }

    public record Source(String kind, UUID id, Instant at) {
    }

    public record Factors(Integer impact, Integer coping, Integer support) {
    }

    public record Member(String role, String personId) {
    }

    public record Shift(UUID id, String watcherId, Instant from, Instant to) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Instant at, String kind, String code, String actor, Map<String, Object> detail, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(UUID id, String channel, List<String> indicators, Instant noticedAt, Instant reportedAt,
            boolean lateReport, boolean anonymous, String reporterId, String note) {
    }

    public record Review(String wentWell, String toChange) {
    }

    /** {@code view}: FULL (psychology staff of the school, the emergency team) or OVERSIGHT (district, no notes). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseDetail(UUID id, String view, String subjectId, String subjectType, String school,
            String status, String level, String suggestedLevel, Factors factors, String leadId, Instant openedAt,
            String openedFrom, Instant firstContactAt, Instant closedAt, String outcome, Review review,
            int reopenCount, boolean breached, List<Source> sources, List<Clock> clocks, List<Member> team,
            List<Shift> watch, List<Report> reports, List<Entry> timeline) {
    }

    public record CaseSummary(UUID id, String subjectId, String subjectType, String school, String status,
            String level, Instant openedAt, boolean overdue, boolean breached, Instant nextDueAt) {
    }

    /** The answer of a transition: where the case stands now (no notes). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseState(UUID id, String status, String level, String suggestedLevel, List<Clock> clocks) {
    }
}
