package io.heartline.referral.routing;

import java.time.Duration;
import java.util.List;

import io.heartline.referral.referral.SubjectType;

/**
 * Picks a referral's first tier: the school's override rules in order, then the district's rules in order, then the
 * fallback ({@code SCHOOL_PSYCHOLOGIST}). Whatever matched, two guards follow: staff never go to a class teacher, and
 * a CRITICAL or EMERGENCY referral gets at least {@link EmergencyFloor} (a psychologist within 2 h). Pure: the rules
 * are passed in, so tables of cases test it without a database.
 */
public final class Router {

    public static final Tier FALLBACK_TIER = Tier.SCHOOL_PSYCHOLOGIST;

    private final Duration fallbackAcceptWithin;

    public Router(Duration fallbackAcceptWithin) {
        this.fallbackAcceptWithin = fallbackAcceptWithin;
    }

    public Duration fallbackAcceptWithin() {
        return fallbackAcceptWithin;
    }

    public Route route(RoutingFacts facts, List<RoutingRule> schoolRules, List<RoutingRule> districtRules) {
        Route route = firstMatch(facts, schoolRules, "SCHOOL");
        if (route == null) {
            route = firstMatch(facts, districtRules, "DISTRICT");
        }
        if (route == null) {
            route = new Route(FALLBACK_TIER, fallbackAcceptWithin, "FALLBACK");
        }
        // Class teachers look after their students, not their colleagues: staff go to the school psychologist.
        if (facts.subjectType() == SubjectType.STAFF && route.tier() == Tier.CLASS_TEACHER) {
            route = new Route(Tier.SCHOOL_PSYCHOLOGIST, route.acceptWithin(), route.matchedBy() + "+STAFF");
        }
        // Defence in depth: the validator refuses rules below the floor, but rules stored before that check, or a
        // fallback configured too slow, must not leave a child in danger with a class teacher or for days.
        return EmergencyFloor.enforce(facts, route);
    }

    private static Route firstMatch(RoutingFacts facts, List<RoutingRule> rules, String scope) {
        for (int i = 0; i < rules.size(); i++) {
            RoutingRule rule = rules.get(i);
            if (rule.matches(facts)) {
                return new Route(rule.tier(), rule.acceptWithin(), scope + "[" + i + "]");
            }
        }
        return null;
    }
}
