package io.heartline.referral.routing;

import java.time.Duration;
import java.util.Objects;

import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/**
 * One routing rule: when every non-null match field equals the referral's, route to {@code tier} with
 * {@code acceptWithin} to accept. A null match field matches anything; a rule with no match fields is a catch-all.
 */
public record RoutingRule(RiskLevel riskLevel, SubjectType subjectType, Source source, Urgency urgency, Tier tier,
        Duration acceptWithin) {

    public RoutingRule {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(acceptWithin, "acceptWithin");
    }

    public boolean matches(RoutingFacts f) {
        return (riskLevel == null || riskLevel == f.riskLevel())
                && (subjectType == null || subjectType == f.subjectType())
                && (source == null || source == f.source())
                && (urgency == null || urgency == f.urgency());
    }

    /** True when every referral this rule's match accepts is also accepted by {@code earlier}'s. */
    public boolean isShadowedBy(RoutingRule earlier) {
        return covers(earlier.riskLevel, riskLevel) && covers(earlier.subjectType, subjectType)
                && covers(earlier.source, source) && covers(earlier.urgency, urgency);
    }

    public boolean isCatchAll() {
        return riskLevel == null && subjectType == null && source == null && urgency == null;
    }

    private static boolean covers(Object general, Object specific) {
        return general == null || general.equals(specific);
    }

    /** Shorthand for rules written in code and tests. */
    public static RoutingRule risk(RiskLevel level, Tier tier, String acceptWithin) {
        return new RoutingRule(level, null, null, null, tier, Duration.parse(acceptWithin));
    }

    public static RoutingRule urgency(Urgency urgency, Tier tier, String acceptWithin) {
        return new RoutingRule(null, null, null, urgency, tier, Duration.parse(acceptWithin));
    }
}
