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
    void aMoreSpecificRuleBeforeAGeneralOneIsReachable() {
        RuleSetValidator.Result result = validator.validate(List.of(
                rule("HIGH", "STAFF", null, null, "SCHOOL_CENTRE", "PT4H"),
                risk("HIGH", "SCHOOL_CENTRE", "PT24H"),
                rule(null, null, null, null, "SCHOOL_PSYCHOLOGIST", "PT48H")));
        assertEquals(List.of(), result.errors());
        assertEquals(3, result.rules().size());
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
                        rule(null, null, null, null, "SCHOOL_PSYCHOLOGIST", "PT48H"),
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
