package io.heartline.referral.workflow;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.heartline.platform.web.PersonId;
import io.heartline.referral.domain.Outcome;
import io.heartline.referral.domain.Tier;

/** Bodies of the transition endpoints. Free-text reasons stay in the history; events carry only the codes. */
public final class TransitionRequests {

    static final String CODE = "^[A-Z][A-Z0-9_]*$";

    private TransitionRequests() {
    }

    /** @param reasonCode optional code for subscribers (e.g. NOT_IN_SCOPE); DECLINED when absent */
    public record Decline(@NotBlank @Size(max = 2000) String reason,
            @Size(max = 64) @Pattern(regexp = CODE, message = "UPPER_SNAKE_CASE code") String reasonCode) {
    }

    /** @param toTier a named higher tier; the next tier up when absent */
    public record Escalate(Tier toTier, @Size(max = 2000) String reason) {
    }

    /** @param reason required for NOT_RESOLVED */
    public record Complete(@NotNull Outcome outcome, @Size(max = 2000) String reason) {
    }

    /** @param reasonCode optional code for subscribers (e.g. DUPLICATE); CANCELLED when absent */
    public record Cancel(@NotBlank @Size(max = 2000) String reason,
            @Size(max = 64) @Pattern(regexp = CODE, message = "UPPER_SNAKE_CASE code") String reasonCode) {
    }

    public record Assign(@NotNull @PersonId String assigneeId) {
    }
}
