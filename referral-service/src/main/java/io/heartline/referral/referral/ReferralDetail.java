package io.heartline.referral.referral;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.heartline.referral.domain.HistoryEntry;
import io.heartline.referral.domain.Outcome;
import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.ReferralStage;
import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.StageStatus;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/**
 * A referral for psychologists and the district centre (full: with risk level, flags, screening id and free-text
 * reasons; audited) or for school leadership (standard: those left out).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralDetail(UUID id, String subjectId, SubjectType subjectType, String school, String district,
        Source source, Urgency urgency, Tier tier, StageStatus status, Instant dueAt, boolean overdue,
        String assignee, Outcome outcome, String routedBy, String createdBy, Instant createdAt, Instant updatedAt,
        RiskLevel riskLevel, List<String> flags, UUID screeningId, String reason,
        List<StageItem> stages, List<HistoryItem> history) {

    public record StageItem(int seq, Tier tier, StageStatus status, Instant dueAt, String assignee, Instant openedAt,
            Instant acceptedAt, Instant closedAt) {
    }

    /** One change: who, when, at which tier, from which status to which, why (the free text only in full). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryItem(Instant at, String actor, String actorRole, Tier tier, StageStatus from, StageStatus to,
            String reasonCode, String reason, String assignee) {
    }

    public static ReferralDetail of(Referral r, List<ReferralStage> stages, List<HistoryEntry> history,
            boolean full, Instant now) {
        return new ReferralDetail(r.id, r.subjectId, r.subjectType, r.school, r.district, r.source, r.urgency, r.tier,
                r.status, r.dueAt, isOverdue(r, now), r.assignee, r.outcome, r.routedBy, r.createdBy, r.createdAt,
                r.updatedAt,
                full ? r.riskLevel : null, full ? r.flags : null, full ? r.screeningId : null, full ? r.reason : null,
                stages.stream().map(s -> new StageItem(s.seq, s.tier, s.status, s.dueAt, s.assignee, s.openedAt,
                        s.acceptedAt, s.closedAt)).toList(),
                history.stream().map(h -> new HistoryItem(h.at, h.actor, h.actorRole, h.tier, h.fromStatus,
                        h.toStatus, h.reasonCode, full ? h.reason : null, h.assignee)).toList());
    }

    static boolean isOverdue(Referral r, Instant now) {
        return r.status == StageStatus.PENDING && r.dueAt.isBefore(now);
    }
}
