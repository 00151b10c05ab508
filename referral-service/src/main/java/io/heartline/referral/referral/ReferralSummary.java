package io.heartline.referral.referral;

import java.time.Instant;
import java.util.UUID;

import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.StageStatus;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/** A list item for school staff and the district centre: no risk level, flags or reasons, so lists need no audit. */
public record ReferralSummary(UUID id, String subjectId, SubjectType subjectType, Source source, Urgency urgency,
        Tier tier, StageStatus status, Instant dueAt, boolean overdue, String assignee, Instant createdAt,
        Instant updatedAt) {

    public static ReferralSummary of(Referral r, Instant now) {
        return new ReferralSummary(r.id, r.subjectId, r.subjectType, r.source, r.urgency, r.tier, r.status, r.dueAt,
                ReferralDetail.isOverdue(r, now), r.assignee, r.createdAt, r.updatedAt);
    }
}
