package io.heartline.referral.routing;

import java.util.List;

import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/v1/routing-rules}: the complete ordered list that replaces the current one. */
public record RuleSetRequest(@NotNull List<RuleInput> rules) {
}
