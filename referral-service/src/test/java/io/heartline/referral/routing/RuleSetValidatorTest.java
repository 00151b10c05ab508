package io.heartline.referral.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.heartline.platform.web.Problem.FieldError;

class RuleSetValidatorTest {

    private final RuleSetValidator validator = new RuleSetValidator();

    static RuleInput rule(String risk, String subjectType, String source, String urgency, String tier, String within) {
        return new RuleInput(new RuleInput.Match(risk, subjectType, source, urgency), tier, within);
    }

    static RuleInput risk(String risk, String tier, String within) {
        return rule(risk, null, null, null, tier, within);
    }

    static List<RuleInput> defaultsAsInput() {
        return DefaultRules.RULES.stream().map(r -> rule(name(r.riskLevel()), name(r.subjectType()),
                name(r.source()), name(r.urgency()), r.tier().name(), r.acceptWithin().toString())).toList();
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    @Test
    void theDefaultRulesAreValidAndRoundTrip() {
        RuleSetValidator.Result result = validator.validate(defaultsAsInput());
        assertEquals(List.of(), result.errors());
        assertEquals(DefaultRules.RULES, result.rules());
    }

    @Test
    void anEmptyListIsValid() {
        assertTrue(validator.validate(List.of()).valid());
    }

    @Test
    void theWindowBoundsThemselvesAreAccepted() {
        assertTrue(validator.validate(List.of(risk("HIGH", "SCHOOL_CENTRE", "PT15M"))).valid());
        assertTrue(validator.validate(List.of(risk("LOW", "SCHOOL_CENTRE", "P30D"))).valid());
    }

    @Test
    void aMoreSpecificRuleBeforeAGeneralOneIsReachable() {
        RuleSetValidator.Result result = validator.validate(List.of(
                rule(null, null, null, "EMERGENCY", "SCHOOL_CENTRE", "PT2H"),
                rule("HIGH", "STAFF", null, null, "SCHOOL_CENTRE", "PT4H"),
                risk("HIGH", "SCHOOL_CENTRE", "PT24H"),
                rule(null, null, null, null, "SCHOOL_PSYCHOLOGIST", "PT48H")));
        assertEquals(List.of(), result.errors());
        assertEquals(4, result.rules().size());
    }

    static Stream<Arguments> invalidSets() {
        return Stream.of(
                Arguments.of("unknown tier", List.of(risk("HIGH", "SCHOOL_CENTRE", "PT24H"),
                        risk("MODERATE", "HEADMASTER", "PT24H")), "rules[1].tier", "unknown value 'HEADMASTER'"),
                Arguments.of("missing tier", List.of(risk("HIGH", null, "PT24H")), "rules[0].tier", "required"),
                Arguments.of("negative duration", List.of(risk("HIGH", "SCHOOL_CENTRE", "-PT1H")),
                        "rules[0].acceptWithin", "must be positive"),
                Arguments.of("zero duration", List.of(risk("HIGH", "SCHOOL_CENTRE", "PT0S")),
                        "rules[0].acceptWithin", "must be positive"),
                Arguments.of("a millisecond", List.of(risk("HIGH", "SCHOOL_CENTRE", "PT0.001S")),
                        "rules[0].acceptWithin", "must be at least PT15M"),
                Arguments.of("just under the minimum", List.of(risk("HIGH", "SCHOOL_CENTRE", "PT14M59S")),
                        "rules[0].acceptWithin", "must be at least PT15M"),
                Arguments.of("not a duration", List.of(risk("HIGH", "SCHOOL_CENTRE", "48h")),
                        "rules[0].acceptWithin", "not an ISO-8601 duration"),
                Arguments.of("missing duration", List.of(risk("HIGH", "SCHOOL_CENTRE", null)),
                        "rules[0].acceptWithin", "required"),
                Arguments.of("too long", List.of(risk("HIGH", "SCHOOL_CENTRE", "P31D")),
                        "rules[0].acceptWithin", "at most"),
                Arguments.of("unknown risk level", List.of(risk("SEVERE", "SCHOOL_CENTRE", "PT1H")),
                        "rules[0].match.riskLevel", "unknown value 'SEVERE'"),
                Arguments.of("unknown urgency", List.of(rule(null, null, null, "NOW", "SCHOOL_CENTRE", "PT1H")),
                        "rules[0].match.urgency", "unknown value 'NOW'"),
                Arguments.of("after a catch-all", List.of(risk("HIGH", "SCHOOL_CENTRE", "PT24H"),
                        rule(null, null, null, null, "SCHOOL_PSYCHOLOGIST", "PT2H"),
                        risk("CRITICAL", "SCHOOL_CENTRE", "PT2H")), "rules[2]",
                        "unreachable: rules[1] before it matches every referral"),
                Arguments.of("shadowed by a more general rule", List.of(risk("HIGH", "SCHOOL_CENTRE", "PT24H"),
                        rule("HIGH", "STAFF", null, null, "DISTRICT_CENTRE", "PT4H")), "rules[1]",
                        "unreachable: rules[0] before it matches every referral this one matches"),
                Arguments.of("duplicate", List.of(risk("HIGH", "SCHOOL_CENTRE", "PT24H"),
                        risk("LOW", "CLASS_TEACHER", "PT72H"), risk("HIGH", "HOSPITAL", "PT1H")), "rules[2]",
                        "unreachable: rules[0]"),
                Arguments.of("risk level on a manual source", List.of(
                        rule("HIGH", null, "TEACHER_OBSERVATION", null, "SCHOOL_CENTRE", "PT1H")), "rules[0]",
                        "only SCREENING referrals have a riskLevel"),
                Arguments.of("risk level with an urgency it never has", List.of(
                        rule("CRITICAL", null, null, "ROUTINE", "SCHOOL_CENTRE", "PT1H")), "rules[0]",
                        "has urgency EMERGENCY"),
                Arguments.of("staff to class teacher", List.of(
                        rule(null, "STAFF", null, null, "CLASS_TEACHER", "PT1H")), "rules[0].tier",
                        "staff are never routed to CLASS_TEACHER"),
                Arguments.of("null rule", Collections.singletonList((RuleInput) null), "rules[0]", "rule object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSets")
    void refuses(String name, List<RuleInput> rules, String field, String message) {
        RuleSetValidator.Result result = validator.validate(rules);
        assertFalse(result.valid());
        assertTrue(result.rules().isEmpty(), "no rules when invalid");
        FieldError error = result.errors().get(0);
        assertEquals(field, error.field(), result.errors().toString());
        assertTrue(error.message().contains(message), error.message());
    }

    /** CRITICAL screenings and EMERGENCY referrals must reach a psychologist tier within 2 h, whatever the rules. */
    static Stream<Arguments> belowTheEmergencyFloor() {
        return Stream.of(
                Arguments.of("CRITICAL to the class teacher", List.of(risk("CRITICAL", "CLASS_TEACHER", "PT2H")),
                        List.of("rules[0].tier"), "a CRITICAL screening"),
                Arguments.of("CRITICAL within 30 days", List.of(risk("CRITICAL", "SCHOOL_CENTRE", "P30D")),
                        List.of("rules[0].acceptWithin"), "at most PT2H"),
                Arguments.of("CRITICAL to the class teacher within 30 days",
                        List.of(risk("CRITICAL", "CLASS_TEACHER", "P30D")),
                        List.of("rules[0].tier", "rules[0].acceptWithin"), "a CRITICAL screening"),
                Arguments.of("CRITICAL one second over 2 h", List.of(risk("CRITICAL", "SCHOOL_CENTRE", "PT2H1S")),
                        List.of("rules[0].acceptWithin"), "at most PT2H"),
                Arguments.of("EMERGENCY to the class teacher", List.of(risk("CRITICAL", "SCHOOL_CENTRE", "PT2H"),
                        rule(null, null, null, "EMERGENCY", "CLASS_TEACHER", "PT1H")),
                        List.of("rules[1].tier"), "an EMERGENCY referral of a student from TEACHER_OBSERVATION"),
                Arguments.of("EMERGENCY of students only within 24 h",
                        List.of(rule(null, "STUDENT", null, "EMERGENCY", "SCHOOL_CENTRE", "PT24H")),
                        List.of("rules[0].acceptWithin"), "a CRITICAL screening of a student"),
                Arguments.of("catch-all placed first", List.of(
                        rule(null, null, null, null, "CLASS_TEACHER", "P30D"),
                        risk("CRITICAL", "SCHOOL_CENTRE", "PT2H")),
                        List.of("rules[0].tier", "rules[0].acceptWithin", "rules[1]"), "a CRITICAL screening"),
                Arguments.of("wildcard risk and urgency: source only", List.of(
                        rule(null, null, "PEER", null, "CLASS_TEACHER", "PT72H")),
                        List.of("rules[0].tier", "rules[0].acceptWithin"), "EMERGENCY referral of a student from PEER"),
                Arguments.of("wildcard risk and urgency: subject type only", List.of(
                        rule(null, "STUDENT", null, null, "SCHOOL_CENTRE", "PT24H")),
                        List.of("rules[0].acceptWithin"), "a CRITICAL screening of a student"),
                Arguments.of("screening source without a risk level", List.of(
                        rule(null, null, "SCREENING", null, "CLASS_TEACHER", "PT2H")),
                        List.of("rules[0].tier"), "a CRITICAL screening"),
                Arguments.of("a CRITICAL rule alone leaves EMERGENCY by hand to a slow catch-all", List.of(
                        risk("CRITICAL", "SCHOOL_CENTRE", "PT2H"),
                        rule(null, null, null, null, "SCHOOL_PSYCHOLOGIST", "PT24H")),
                        List.of("rules[1].acceptWithin"), "an EMERGENCY referral"),
                Arguments.of("an EMERGENCY rule for students leaves staff to a slow catch-all", List.of(
                        rule(null, "STUDENT", null, "EMERGENCY", "SCHOOL_CENTRE", "PT2H"),
                        rule(null, null, null, null, "SCHOOL_PSYCHOLOGIST", "PT24H")),
                        List.of("rules[1].acceptWithin"), "a member of staff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("belowTheEmergencyFloor")
    void refusesRulesBelowTheEmergencyFloor(String name, List<RuleInput> rules, List<String> fields, String message) {
        RuleSetValidator.Result result = validator.validate(rules);
        assertFalse(result.valid());
        assertTrue(result.rules().isEmpty());
        assertEquals(fields, result.errors().stream().map(FieldError::field).toList(), result.errors().toString());
        assertTrue(result.errors().get(0).message().contains(message), result.errors().get(0).message());
    }

    static Stream<Arguments> aboveTheEmergencyFloor() {
        return Stream.of(
                Arguments.of("the defaults", defaultsAsInput()),
                Arguments.of("an EMERGENCY rule first catches CRITICAL screenings too; then anything goes", List.of(
                        rule(null, null, null, "EMERGENCY", "SCHOOL_CENTRE", "PT2H"),
                        rule(null, null, null, null, "CLASS_TEACHER", "P30D"))),
                Arguments.of("psychologist within exactly 2 h, hospital sooner", List.of(
                        risk("CRITICAL", "SCHOOL_PSYCHOLOGIST", "PT2H"),
                        rule(null, null, null, "EMERGENCY", "HOSPITAL", "PT30M"),
                        rule(null, null, "PEER", null, "CLASS_TEACHER", "P30D"))),
                Arguments.of("routine only", List.of(rule(null, null, "PEER", "ROUTINE", "CLASS_TEACHER", "PT72H"))),
                Arguments.of("levels that are never emergencies", List.of(
                        risk("HIGH", "CLASS_TEACHER", "P30D"), risk("MODERATE", "CLASS_TEACHER", "P30D"))),
                Arguments.of("students and staff guarded separately", List.of(
                        rule(null, "STUDENT", null, "EMERGENCY", "SCHOOL_CENTRE", "PT2H"),
                        rule(null, "STAFF", null, "EMERGENCY", "SCHOOL_PSYCHOLOGIST", "PT1H"),
                        rule(null, null, null, null, "SCHOOL_PSYCHOLOGIST", "P7D"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aboveTheEmergencyFloor")
    void acceptsRulesThatKeepTheEmergencyFloor(String name, List<RuleInput> rules) {
        RuleSetValidator.Result result = validator.validate(rules);
        assertEquals(List.of(), result.errors());
        assertEquals(rules.size(), result.rules().size());
    }

    @Test
    void listsEveryBadValueWithItsRuleIndex() {
        RuleSetValidator.Result result = validator.validate(List.of(
                risk("HIGH", "NOWHERE", "PT1H"),
                risk("HIGH", "SCHOOL_CENTRE", "PT1H"),
                risk("LOW", "CLASS_TEACHER", "-P1D")));
        assertEquals(List.of("rules[0].tier", "rules[2].acceptWithin"),
                result.errors().stream().map(FieldError::field).toList());
    }

    @Test
    void refusesMoreThanFiftyRules() {
        List<RuleInput> many = new ArrayList<>();
        for (int i = 0; i <= RuleSetValidator.MAX_RULES; i++) {
            many.add(risk("HIGH", "SCHOOL_CENTRE", "PT" + (i + 1) + "H"));
        }
        assertEquals("rules", validator.validate(many).errors().get(0).field());
    }
}
