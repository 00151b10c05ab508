package io.heartline.referral.routing;

import io.heartline.referral.domain.Tier;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/v1/routing-rules}: the caller's own ordered rules (what PUT replaces) and what applies after them.
 *
 * @param version 0 when the scope never had rules of its own
 * @param districtRules for a school: the district's rules in force, tried after the school's
 * @param fallback used when nothing matches
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingRulesView(RuleScope scope, String scopeId, int version, String changedBy, Instant changedAt,
        List<RuleSetView.RuleView> rules, RuleSetView districtRules, Fallback fallback) {

    public record Fallback(Tier tier, String acceptWithin) {
    }
}
