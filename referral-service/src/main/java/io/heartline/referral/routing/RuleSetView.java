package io.heartline.referral.routing;

import io.heartline.referral.domain.Tier;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One version of a scope's rules as the API shows it. */
public record RuleSetView(RuleScope scope, String scopeId, int version, String changedBy, Instant changedAt,
        List<RuleView> rules) {

    /** A rule; match fields left out match anything. */
    public record RuleView(Match match, Tier tier, String acceptWithin) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Match(String riskLevel, String subjectType, String source, String urgency) {
    }

    public static RuleSetView of(RoutingRuleSet set) {
        return new RuleSetView(set.scope, set.scopeId, set.version, set.changedBy, set.changedAt,
                set.toRules().stream().map(RuleSetView::rule).toList());
    }

    static RuleView rule(RoutingRule r) {
        return new RuleView(new Match(name(r.riskLevel()), name(r.subjectType()), name(r.source()), name(r.urgency())),
                r.tier(), r.acceptWithin().toString());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
