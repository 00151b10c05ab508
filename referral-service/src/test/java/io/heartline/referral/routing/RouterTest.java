package io.heartline.referral.routing;

import static io.heartline.referral.domain.RiskLevel.CRITICAL;
import static io.heartline.referral.domain.RiskLevel.HIGH;
import static io.heartline.referral.domain.RiskLevel.LOW;
import static io.heartline.referral.domain.RiskLevel.MODERATE;
import static io.heartline.referral.domain.SubjectType.STAFF;
import static io.heartline.referral.domain.SubjectType.STUDENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/** Routing vectors: every default rule, overrides, district replacements, the staff guard and the fallback. */
class RouterTest {

    private static final Router ROUTER = new Router(Duration.ofHours(24), new EscalationWindows(java.util.Map.of()));
    private static final List<RoutingRule> NONE = List.of();

    private static final List<RoutingRule> SCHOOL_MODERATE_TO_CENTRE = List.of(
            RoutingRule.risk(MODERATE, Tier.SCHOOL_CENTRE, "PT12H"));
    private static final List<RoutingRule> SCHOOL_STAFF_TO_CENTRE = List.of(
            new RoutingRule(null, STAFF, null, null, Tier.SCHOOL_CENTRE, Duration.ofHours(8)));
    private static final List<RoutingRule> SCHOOL_PEER_TO_TEACHER = List.of(
            new RoutingRule(null, null, Source.PEER, Urgency.ROUTINE, Tier.CLASS_TEACHER, Duration.ofHours(72)));
    private static final List<RoutingRule> SCHOOL_CRITICAL_TO_TEACHER = List.of(
            RoutingRule.risk(CRITICAL, Tier.CLASS_TEACHER, "P30D"));
    private static final List<RoutingRule> SCHOOL_CATCH_ALL_TO_TEACHER = List.of(
            new RoutingRule(null, null, null, null, Tier.CLASS_TEACHER, Duration.ofDays(30)));
    private static final List<RoutingRule> DISTRICT_OWN = List.of(
            new RoutingRule(null, null, Source.GUARDIAN, null, Tier.DISTRICT_CENTRE, Duration.ofHours(6)));

    static Stream<Arguments> vectors() {
        return Stream.of(
                // every default rule, as district defaults with no school overrides
                v("LOW screening", RoutingFacts.screening(LOW, STUDENT), NONE, DefaultRules.RULES,
                        Tier.CLASS_TEACHER, "PT72H", "DISTRICT[4]"),
                v("MODERATE screening", RoutingFacts.screening(MODERATE, STUDENT), NONE, DefaultRules.RULES,
                        Tier.SCHOOL_PSYCHOLOGIST, "PT48H", "DISTRICT[3]"),
                v("HIGH screening", RoutingFacts.screening(HIGH, STUDENT), NONE, DefaultRules.RULES,
                        Tier.SCHOOL_CENTRE, "PT24H", "DISTRICT[2]"),
                v("CRITICAL screening", RoutingFacts.screening(CRITICAL, STUDENT), NONE, DefaultRules.RULES,
                        Tier.SCHOOL_CENTRE, "PT2H", "DISTRICT[0]"),
                v("EMERGENCY by hand", RoutingFacts.manual(STUDENT, Source.TEACHER_OBSERVATION, Urgency.EMERGENCY),
                        NONE, DefaultRules.RULES, Tier.SCHOOL_CENTRE, "PT2H", "DISTRICT[1]"),
                v("EMERGENCY self-referral of staff", RoutingFacts.manual(STAFF, Source.SELF, Urgency.EMERGENCY),
                        NONE, DefaultRules.RULES, Tier.SCHOOL_CENTRE, "PT2H", "DISTRICT[1]"),
                // no match: SCHOOL_PSYCHOLOGIST with the configured fallback time
                v("ROUTINE by hand", RoutingFacts.manual(STUDENT, Source.TEACHER_OBSERVATION, Urgency.ROUTINE),
                        NONE, DefaultRules.RULES, Tier.SCHOOL_PSYCHOLOGIST, "PT24H", "FALLBACK"),
                v("URGENT by hand", RoutingFacts.manual(STUDENT, Source.GUARDIAN, Urgency.URGENT),
                        NONE, DefaultRules.RULES, Tier.SCHOOL_PSYCHOLOGIST, "PT24H", "FALLBACK"),
                v("no rules at all, not an emergency", RoutingFacts.screening(HIGH, STUDENT), NONE, NONE,
                        Tier.SCHOOL_PSYCHOLOGIST, "PT24H", "FALLBACK"),
                // a school override beats the district default; non-matching overrides fall through
                v("school override beats default", RoutingFacts.screening(MODERATE, STUDENT),
                        SCHOOL_MODERATE_TO_CENTRE, DefaultRules.RULES, Tier.SCHOOL_CENTRE, "PT12H", "SCHOOL[0]"),
                v("override not matching falls through", RoutingFacts.screening(HIGH, STUDENT),
                        SCHOOL_MODERATE_TO_CENTRE, DefaultRules.RULES, Tier.SCHOOL_CENTRE, "PT24H", "DISTRICT[2]"),
                v("override on subject type", RoutingFacts.screening(MODERATE, STAFF),
                        SCHOOL_STAFF_TO_CENTRE, DefaultRules.RULES, Tier.SCHOOL_CENTRE, "PT8H", "SCHOOL[0]"),
                v("override on subject type, other type", RoutingFacts.screening(MODERATE, STUDENT),
                        SCHOOL_STAFF_TO_CENTRE, DefaultRules.RULES, Tier.SCHOOL_PSYCHOLOGIST, "PT48H", "DISTRICT[3]"),
                v("override on source and urgency", RoutingFacts.manual(STUDENT, Source.PEER, Urgency.ROUTINE),
                        SCHOOL_PEER_TO_TEACHER, DefaultRules.RULES, Tier.CLASS_TEACHER, "PT72H", "SCHOOL[0]"),
                v("override on source, other urgency", RoutingFacts.manual(STUDENT, Source.PEER, Urgency.EMERGENCY),
                        SCHOOL_PEER_TO_TEACHER, DefaultRules.RULES, Tier.SCHOOL_CENTRE, "PT2H", "DISTRICT[1]"),
                // a district's own rules replace the built-in defaults entirely
                v("district rule", RoutingFacts.manual(STUDENT, Source.GUARDIAN, Urgency.ROUTINE), NONE,
                        DISTRICT_OWN, Tier.DISTRICT_CENTRE, "PT6H", "DISTRICT[0]"),
                v("district rules replace defaults", RoutingFacts.screening(MODERATE, STUDENT), NONE, DISTRICT_OWN,
                        Tier.SCHOOL_PSYCHOLOGIST, "PT24H", "FALLBACK"),
                // staff never land with a class teacher
                v("LOW staff screening", RoutingFacts.screening(LOW, STAFF), NONE, DefaultRules.RULES,
                        Tier.SCHOOL_PSYCHOLOGIST, "PT72H", "DISTRICT[4]+STAFF"),
                v("staff peer referral", RoutingFacts.manual(STAFF, Source.PEER, Urgency.ROUTINE),
                        SCHOOL_PEER_TO_TEACHER, DefaultRules.RULES, Tier.SCHOOL_PSYCHOLOGIST, "PT72H",
                        "SCHOOL[0]+STAFF"),
                // CRITICAL and EMERGENCY: a psychologist tier within 2 h, whatever rule (stored before the validator
                // refused such rules) or fallback matched
                v("CRITICAL, no rules: fallback lifted to 2 h", RoutingFacts.screening(CRITICAL, STUDENT), NONE,
                        NONE, Tier.SCHOOL_PSYCHOLOGIST, "PT2H", "FALLBACK+EMERGENCY"),
                v("EMERGENCY by hand, district rules without one", RoutingFacts.manual(STUDENT, Source.GUARDIAN,
                        Urgency.EMERGENCY), NONE, DISTRICT_OWN, Tier.DISTRICT_CENTRE, "PT2H", "DISTRICT[0]+EMERGENCY"),
                v("CRITICAL to the class teacher for 30 days", RoutingFacts.screening(CRITICAL, STUDENT),
                        SCHOOL_CRITICAL_TO_TEACHER, DefaultRules.RULES, Tier.SCHOOL_PSYCHOLOGIST, "PT2H",
                        "SCHOOL[0]+EMERGENCY"),
                v("catch-all first takes a CRITICAL screening", RoutingFacts.screening(CRITICAL, STUDENT),
                        SCHOOL_CATCH_ALL_TO_TEACHER, DefaultRules.RULES, Tier.SCHOOL_PSYCHOLOGIST, "PT2H",
                        "SCHOOL[0]+EMERGENCY"),
                v("catch-all first takes an EMERGENCY", RoutingFacts.manual(STUDENT, Source.SELF, Urgency.EMERGENCY),
                        SCHOOL_CATCH_ALL_TO_TEACHER, DefaultRules.RULES, Tier.SCHOOL_PSYCHOLOGIST, "PT2H",
                        "SCHOOL[0]+EMERGENCY"),
                v("catch-all first takes a staff EMERGENCY", RoutingFacts.manual(STAFF, Source.SELF,
                        Urgency.EMERGENCY), SCHOOL_CATCH_ALL_TO_TEACHER, DefaultRules.RULES, Tier.SCHOOL_PSYCHOLOGIST,
                        "PT2H", "SCHOOL[0]+STAFF+EMERGENCY"),
                v("CRITICAL at the right tier but slow", RoutingFacts.screening(CRITICAL, STUDENT),
                        List.of(RoutingRule.risk(CRITICAL, Tier.SCHOOL_CENTRE, "PT24H")), DefaultRules.RULES,
                        Tier.SCHOOL_CENTRE, "PT2H", "SCHOOL[0]+EMERGENCY"),
                v("EMERGENCY at the class teacher but fast", RoutingFacts.manual(STUDENT, Source.PEER,
                        Urgency.EMERGENCY), List.of(RoutingRule.urgency(Urgency.EMERGENCY, Tier.CLASS_TEACHER,
                        "PT30M")), DefaultRules.RULES, Tier.SCHOOL_PSYCHOLOGIST, "PT30M", "SCHOOL[0]+EMERGENCY"),
                v("CRITICAL with an urgency routing never gives it", new RoutingFacts(CRITICAL, STUDENT,
                        Source.SCREENING, Urgency.ROUTINE), SCHOOL_CATCH_ALL_TO_TEACHER, NONE,
                        Tier.SCHOOL_PSYCHOLOGIST, "PT2H", "SCHOOL[0]+EMERGENCY"),
                // the floor never lowers a tier or lengthens a time
                v("EMERGENCY to the hospital within 30 minutes", RoutingFacts.manual(STUDENT, Source.PEER,
                        Urgency.EMERGENCY), List.of(RoutingRule.urgency(Urgency.EMERGENCY, Tier.HOSPITAL, "PT30M")),
                        DefaultRules.RULES, Tier.HOSPITAL, "PT30M", "SCHOOL[0]"),
                v("a catch-all to the class teacher still takes routine referrals",
                        RoutingFacts.manual(STUDENT, Source.PEER, Urgency.ROUTINE), SCHOOL_CATCH_ALL_TO_TEACHER,
                        DefaultRules.RULES, Tier.CLASS_TEACHER, "P30D", "SCHOOL[0]"),
                v("HIGH is not an emergency", RoutingFacts.screening(HIGH, STUDENT), SCHOOL_CATCH_ALL_TO_TEACHER,
                        DefaultRules.RULES, Tier.CLASS_TEACHER, "P30D", "SCHOOL[0]"));
    }

    private static Arguments v(String name, RoutingFacts facts, List<RoutingRule> school, List<RoutingRule> district,
            Tier tier, String acceptWithin, String matchedBy) {
        return Arguments.of(name, facts, school, district, new Route(tier, Duration.parse(acceptWithin), matchedBy));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void routes(String name, RoutingFacts facts, List<RoutingRule> school, List<RoutingRule> district, Route expected) {
        assertEquals(expected, ROUTER.route(facts, school, district));
    }

    static Stream<Arguments> withoutSchool() {
        return Stream.of(
                Arguments.of("LOW goes to the district centre, its window capped at 24 h",
                        RoutingFacts.screening(LOW, STUDENT), new Route(Tier.DISTRICT_CENTRE, Duration.ofHours(24),
                                "DISTRICT[4]+NO_SCHOOL")),
                Arguments.of("CRITICAL keeps its 2 h at the district centre", RoutingFacts.screening(CRITICAL, STUDENT),
                        new Route(Tier.DISTRICT_CENTRE, Duration.ofHours(2), "DISTRICT[0]+NO_SCHOOL")),
                Arguments.of("a rule to the hospital stays there", RoutingFacts.manual(STUDENT, Source.PEER,
                        Urgency.EMERGENCY), new Route(Tier.HOSPITAL, Duration.ofMinutes(30), "SCHOOL[0]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutSchool")
    void aReferralWithoutASchoolStartsAtTheDistrictCentre(String name, RoutingFacts facts, Route expected) {
        List<RoutingRule> school = expected.tier() == Tier.HOSPITAL
                ? List.of(RoutingRule.urgency(Urgency.EMERGENCY, Tier.HOSPITAL, "PT30M")) : NONE;
        assertEquals(expected, ROUTER.route(facts, false, Staffing.ALL, school, DefaultRules.RULES));
    }

    static Stream<Arguments> unstaffed() {
        return Stream.of(
                Arguments.of("LOW without a known class teacher goes to the psychologist, capped at 48 h",
                        RoutingFacts.screening(LOW, STUDENT), java.util.Set.of(Tier.CLASS_TEACHER),
                        new Route(Tier.SCHOOL_PSYCHOLOGIST, Duration.ofHours(48), "DISTRICT[4]+NO_CLASS_TEACHER")),
                Arguments.of("LOW with neither class teacher nor psychologist goes to the centre",
                        RoutingFacts.screening(LOW, STUDENT), java.util.Set.of(Tier.CLASS_TEACHER,
                                Tier.SCHOOL_PSYCHOLOGIST),
                        new Route(Tier.SCHOOL_CENTRE, Duration.ofHours(24),
                                "DISTRICT[4]+NO_CLASS_TEACHER+NOBODY_IN_ROLE_SCHOOL_PSYCHOLOGIST")),
                Arguments.of("MODERATE without psychology staff goes to the centre",
                        RoutingFacts.screening(MODERATE, STUDENT), java.util.Set.of(Tier.SCHOOL_PSYCHOLOGIST),
                        new Route(Tier.SCHOOL_CENTRE, Duration.ofHours(24),
                                "DISTRICT[3]+NOBODY_IN_ROLE_SCHOOL_PSYCHOLOGIST")),
                Arguments.of("a known class teacher takes LOW", RoutingFacts.screening(LOW, STUDENT),
                        java.util.Set.of(), new Route(Tier.CLASS_TEACHER, Duration.ofHours(72), "DISTRICT[4]")),
                Arguments.of("CRITICAL keeps its 2 h", RoutingFacts.screening(CRITICAL, STUDENT),
                        java.util.Set.of(Tier.CLASS_TEACHER, Tier.SCHOOL_PSYCHOLOGIST),
                        new Route(Tier.SCHOOL_CENTRE, Duration.ofHours(2), "DISTRICT[0]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unstaffed")
    void aTierNobodyHoldsIsSkippedSayingWhy(String name, RoutingFacts facts, java.util.Set<Tier> unstaffed,
            Route expected) {
        assertEquals(expected, ROUTER.route(facts, true, new Staffing(unstaffed), NONE, DefaultRules.RULES));
    }
}
