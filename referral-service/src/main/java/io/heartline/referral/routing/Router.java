package io.heartline.referral.routing;

import java.time.Duration;
import java.util.List;

import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;

/**
 * Picks a referral's first tier: the school's override rules in order, then the district's rules in order, then the
 * fallback ({@code SCHOOL_PSYCHOLOGIST}). Whatever matched, three guards follow: staff never go to a class teacher, a
 * CRITICAL or EMERGENCY referral gets at least {@link EmergencyFloor} (a psychologist within 2 h), and a referral
 * without a school starts at the district centre; a tier nobody holds at the school is skipped. The one place a first route is decided. Pure: the rules are passed
 * in, so tables of cases test it without a database.
 */
public final class Router {

    public static final Tier FALLBACK_TIER = Tier.SCHOOL_PSYCHOLOGIST;

    private final Duration fallbackAcceptWithin;
    private final EscalationWindows windows;

    public Router(Duration fallbackAcceptWithin, EscalationWindows windows) {
        this.fallbackAcceptWithin = fallbackAcceptWithin;
        this.windows = windows;
    }

    public Duration fallbackAcceptWithin() {
        return fallbackAcceptWithin;
    }

    /** For a referral of a school (the usual case). */
    public Route route(RoutingFacts facts, List<RoutingRule> schoolRules, List<RoutingRule> districtRules) {
        return route(facts, true, Staffing.ALL, schoolRules, districtRules);
    }

    /**
     * The whole first-route decision. {@code hasSchool} false (a screening that came without a school): no school
     * staff could see the referral, so it starts at the district centre, with that tier's window cap.
     */
    public Route route(RoutingFacts facts, boolean hasSchool, Staffing staffing, List<RoutingRule> schoolRules,
            List<RoutingRule> districtRules) {
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
        route = EmergencyFloor.enforce(facts, route);
        // A tier with nobody in role (no class teacher for the student, no psychology staff) is skipped, saying why.
        while (!staffing.isStaffed(route.tier()) && route.tier().isBelow(Tier.DISTRICT_CENTRE)) {
            Tier up = route.tier().next().orElseThrow();
            route = new Route(up, windows.windowFor(up, route.acceptWithin()),
                    route.matchedBy() + "+" + Staffing.reasonFor(route.tier()));
        }
        if (!hasSchool && route.tier().compareTo(Tier.DISTRICT_CENTRE) < 0) {
            route = new Route(Tier.DISTRICT_CENTRE, windows.windowFor(Tier.DISTRICT_CENTRE, route.acceptWithin()),
                    route.matchedBy() + "+NO_SCHOOL");
        }
        return route;
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
