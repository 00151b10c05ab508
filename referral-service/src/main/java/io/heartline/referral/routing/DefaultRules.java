package io.heartline.referral.routing;

import static io.heartline.referral.routing.RoutingRule.risk;
import static io.heartline.referral.routing.RoutingRule.urgency;

import java.util.List;

import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/**
 * The built-in district defaults (API.md). The same list is seeded into the database by
 * {@code V2__default_routing_rules.sql}; a test checks that the two agree.
 */
public final class DefaultRules {

    public static final List<RoutingRule> RULES = List.of(
            risk(RiskLevel.CRITICAL, Tier.SCHOOL_CENTRE, "PT2H"),
            urgency(Urgency.EMERGENCY, Tier.SCHOOL_CENTRE, "PT2H"),
            risk(RiskLevel.HIGH, Tier.SCHOOL_CENTRE, "PT24H"),
            risk(RiskLevel.MODERATE, Tier.SCHOOL_PSYCHOLOGIST, "PT48H"),
            risk(RiskLevel.LOW, Tier.CLASS_TEACHER, "PT72H"));

    private DefaultRules() {
    }
}
