package io.heartline.referral.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.heartline.referral.domain.Outcome;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.StageStatus;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/**
 * The payload of every {@code heartline.referral.*.v1} event (schema {@code common.v1.json#/$defs/referralData}): ids,
 * tiers, statuses and codes only, never free-text reasons, risk levels or flags.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReferralData(UUID referralId, String subjectId, SubjectType subjectType, Tier tier, Tier previousTier,
        StageStatus status, @JsonInclude(JsonInclude.Include.ALWAYS) String reasonCode, Urgency urgency,
        Source source, UUID screeningId, Instant dueAt, Outcome outcome, String assigneeId) {
}
