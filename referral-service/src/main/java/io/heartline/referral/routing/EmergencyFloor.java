package io.heartline.referral.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/**
 * A CRITICAL screening (possible danger to life) or an EMERGENCY referral "must reach a psychologist at once"
 * (API.md): whatever the rules say, it goes to {@link #MIN_TIER} or higher with at most {@link #MAX_ACCEPT_WITHIN}
 * to accept. {@link RuleSetValidator} refuses rules that would route such a referral lower or slower, and
 * {@link Router} enforces the floor again after matching, for rules stored before the check or a fallback that is
 * configured too slow.
 */
public final class EmergencyFloor {

    public static final Tier MIN_TIER = Tier.SCHOOL_PSYCHOLOGIST;
    public static final Duration MAX_ACCEPT_WITHIN = Duration.ofHours(2);

    /**
     * Every kind of referral the floor applies to, as routing sees it: a CRITICAL screening (urgency EMERGENCY) and
     * an EMERGENCY referral by hand from each source, for students and staff. The validator checks each rule against
     * these, so a match field left out (a wildcard) counts as matching them.
     */
    static final List<RoutingFacts> FACTS;

    static {
        List<RoutingFacts> facts = new ArrayList<>();
        for (SubjectType type : SubjectType.values()) {
            facts.add(RoutingFacts.screening(RiskLevel.CRITICAL, type));
            for (Source source : Source.values()) {
                if (source != Source.SCREENING) {
                    facts.add(RoutingFacts.manual(type, source, Urgency.EMERGENCY));
                }
            }
        }
        FACTS = List.copyOf(facts);
    }

    private EmergencyFloor() {
    }

    public static boolean appliesTo(RoutingFacts facts) {
        return facts.riskLevel() == RiskLevel.CRITICAL || facts.urgency() == Urgency.EMERGENCY;
    }

    /** The route raised to the floor if {@code facts} call for it; {@code matchedBy} gets {@code +EMERGENCY}. */
    public static Route enforce(RoutingFacts facts, Route route) {
        if (!appliesTo(facts)) {
            return route;
        }
        Tier tier = route.tier().atLeast(MIN_TIER);
        Duration within = route.acceptWithin().compareTo(MAX_ACCEPT_WITHIN) > 0 ? MAX_ACCEPT_WITHIN
                : route.acceptWithin();
        if (tier == route.tier() && within.equals(route.acceptWithin())) {
            return route;
        }
        return new Route(tier, within, route.matchedBy() + "+EMERGENCY");
    }

    /** How a validation message names one of {@link #FACTS}. */
    static String describe(RoutingFacts f) {
        String who = f.subjectType() == SubjectType.STAFF ? "a member of staff" : "a student";
        return f.source() == Source.SCREENING
                ? "a CRITICAL screening of " + who
                : "an EMERGENCY referral of " + who + " from " + f.source();
    }
}
