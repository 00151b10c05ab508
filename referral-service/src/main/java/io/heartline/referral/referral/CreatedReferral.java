package io.heartline.referral.referral;

import java.time.Instant;
import java.util.UUID;

import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.StageStatus;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/** The answer to a create: where the referral went and by when it must be accepted. */
public record CreatedReferral(UUID id, String subjectId, SubjectType subjectType, Source source, Urgency urgency,
        Tier tier, StageStatus status, Instant dueAt, Instant createdAt) {

    public static CreatedReferral of(Referral r) {
        return new CreatedReferral(r.id, r.subjectId, r.subjectType, r.source, r.urgency, r.tier, r.status, r.dueAt,
                r.createdAt);
    }
}
