package io.heartline.referral.referral;

import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Urgency;

import io.heartline.platform.web.PersonId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/referrals}. School and district come from the caller's token, never from the body. */
public record CreateReferralRequest(
        @NotNull @PersonId String subjectId,
        @NotNull SubjectType subjectType,
        @NotNull Source source,
        @NotNull Urgency urgency,
        @NotBlank @Size(max = 2000) String reason) {
}
