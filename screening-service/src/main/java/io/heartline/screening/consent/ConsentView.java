package io.heartline.screening.consent;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A consent record as the API shows it; {@code status} ACTIVE or WITHDRAWN. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentView(UUID id, String subjectId, String school, Consent.Scope scope, UUID campaignId,
        Consent.GivenBy givenBy, String guardianId, Consent.Method method, Instant givenAt, String recordedBy,
        Instant recordedAt, String status, Withdrawal withdrawal) {

    public record Withdrawal(Instant at, String reason, String by, Instant recordedAt) {
    }

    static ConsentView of(Consent c) {
        return new ConsentView(c.id, c.subjectId, c.school, c.scope, c.campaignId, c.givenBy, c.guardianId, c.method,
                c.givenAt, c.recordedBy, c.recordedAt, c.withdrawnAt == null ? "ACTIVE" : "WITHDRAWN",
                c.withdrawnAt == null ? null
                        : new Withdrawal(c.withdrawnAt, c.withdrawnReason, c.withdrawnBy, c.withdrawalRecordedAt));
    }
}
