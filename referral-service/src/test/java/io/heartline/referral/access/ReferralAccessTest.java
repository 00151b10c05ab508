package io.heartline.referral.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.heartline.platform.web.Caller;
import io.heartline.referral.domain.AccessFacts;
import io.heartline.referral.domain.Action;
import io.heartline.referral.domain.Tier;

/** The need-to-know matrix: who sees how much of which referral, and who may do what to its current stage. */
class ReferralAccessTest {

    private static final Map<String, Caller> CALLERS = Map.ofEntries(
            Map.entry("teacher", new Caller("t1", Set.of("teacher"), "s1", "d1", "t1")),
            Map.entry("teacher-other-school", new Caller("t9", Set.of("teacher"), "s2", "d1", "t9")),
            Map.entry("psychologist", new Caller("p1", Set.of("psychologist"), "s1", "d1", "p1")),
            Map.entry("psychologist-other-school", new Caller("p9", Set.of("psychologist"), "s2", "d1", "p9")),
            Map.entry("school-admin", new Caller("a1", Set.of("school-admin"), "s1", "d1", "a1")),
            Map.entry("district-admin", new Caller("D", Set.of("district-admin"), null, "d1", "D")),
            Map.entry("district-admin-other", new Caller("D9", Set.of("district-admin"), null, "d2", "D9")),
            Map.entry("student", new Caller("st", Set.of("student"), "s1", "d1", "st")),
            Map.entry("staff", new Caller("sf", Set.of("staff"), "s1", "d1", "sf")),
            Map.entry("psychologist-and-admin",
                    new Caller("p1", Set.of("psychologist", "school-admin"), "s1", "d1", "p1")),
            Map.entry("psychologist-2", new Caller("p2", Set.of("psychologist"), "s1", "d1", "p2")));

    private static final Map<String, AccessFacts> REFERRALS = Map.ofEntries(
            Map.entry("class-teacher-free", new AccessFacts("kid", "s1", "d1", Tier.CLASS_TEACHER, null, true, null)),
            Map.entry("class-teacher-assigned-t2",
                    new AccessFacts("kid", "s1", "d1", Tier.CLASS_TEACHER, "t2", true, "t2")),
            Map.entry("class-teacher-about-t1", new AccessFacts("t1", "s1", "d1", Tier.CLASS_TEACHER, null, true, null)),
            Map.entry("school-psychologist",
                    new AccessFacts("kid", "s1", "d1", Tier.SCHOOL_PSYCHOLOGIST, null, false, null)),
            Map.entry("escalated-past-teacher",
                    new AccessFacts("kid", "s1", "d1", Tier.SCHOOL_PSYCHOLOGIST, null, true, null)),
            Map.entry("district-centre", new AccessFacts("kid", "s1", "d1", Tier.DISTRICT_CENTRE, null, false, null)),
            Map.entry("hospital", new AccessFacts("kid", "s1", "d1", Tier.HOSPITAL, "D", false, null)),
            Map.entry("district-no-school", new AccessFacts("kid", null, "d1", Tier.DISTRICT_CENTRE, null, false, null)),
            // staff referrals about the callers themselves: nobody sees or moves their own record
            Map.entry("about-p1", new AccessFacts("p1", "s1", "d1", Tier.SCHOOL_PSYCHOLOGIST, null, false, null)),
            Map.entry("about-p1-assigned-to-p1",
                    new AccessFacts("p1", "s1", "d1", Tier.SCHOOL_CENTRE, "p1", false, null)),
            Map.entry("about-a1", new AccessFacts("a1", "s1", "d1", Tier.SCHOOL_CENTRE, null, false, null)),
            Map.entry("about-D", new AccessFacts("D", "s1", "d1", Tier.DISTRICT_CENTRE, null, false, null)),
            Map.entry("about-D-no-school", new AccessFacts("D", null, "d1", Tier.HOSPITAL, "D", false, null)));

    // referral | caller | view | actions allowed on the current stage (ALL, NONE, or a list)
    private static final String MATRIX = """
            class-teacher-free        | teacher                   | TEACHER  | ACCEPT START COMPLETE DECLINE ESCALATE ASSIGN
            class-teacher-free        | teacher-other-school      | NONE     | NONE
            class-teacher-free        | psychologist              | FULL     | ESCALATE CANCEL ASSIGN
            class-teacher-free        | psychologist-other-school | NONE     | NONE
            class-teacher-free        | school-admin              | STANDARD | ESCALATE CANCEL ASSIGN
            class-teacher-free        | district-admin            | NONE     | NONE
            class-teacher-free        | student                   | NONE     | NONE
            class-teacher-free        | staff                     | NONE     | NONE
            class-teacher-assigned-t2 | teacher                   | NONE     | NONE
            class-teacher-assigned-t2 | psychologist              | FULL     | ESCALATE CANCEL ASSIGN
            class-teacher-about-t1    | teacher                   | NONE     | NONE
            class-teacher-about-t1    | psychologist              | FULL     | ESCALATE CANCEL ASSIGN
            school-psychologist       | teacher                   | NONE     | NONE
            school-psychologist       | psychologist              | FULL     | ALL
            school-psychologist       | psychologist-other-school | NONE     | NONE
            school-psychologist       | school-admin              | STANDARD | ESCALATE CANCEL ASSIGN
            school-psychologist       | district-admin            | NONE     | NONE
            escalated-past-teacher    | teacher                   | TEACHER  | NONE
            escalated-past-teacher    | psychologist              | FULL     | ALL
            district-centre           | district-admin            | FULL     | ALL
            district-centre           | district-admin-other      | NONE     | NONE
            district-centre           | psychologist              | FULL     | NONE
            district-centre           | school-admin              | STANDARD | NONE
            district-centre           | teacher                   | NONE     | NONE
            hospital                  | district-admin            | FULL     | ALL
            hospital                  | psychologist-other-school | NONE     | NONE
            district-no-school        | district-admin            | FULL     | ALL
            district-no-school        | psychologist              | NONE     | NONE
            district-no-school        | school-admin              | NONE     | NONE
            about-p1                  | psychologist              | NONE     | NONE
            about-p1                  | psychologist-and-admin    | NONE     | NONE
            about-p1                  | psychologist-2            | FULL     | ALL
            about-p1                  | school-admin              | STANDARD | ESCALATE CANCEL ASSIGN
            about-p1-assigned-to-p1   | psychologist              | NONE     | NONE
            about-p1-assigned-to-p1   | psychologist-2            | FULL     | ALL
            about-a1                  | school-admin              | NONE     | NONE
            about-a1                  | psychologist              | FULL     | ALL
            about-D                   | district-admin            | NONE     | NONE
            about-D                   | psychologist              | FULL     | NONE
            about-D-no-school         | district-admin            | NONE     | NONE
            """;

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (String line : MATRIX.strip().split("\n")) {
            String[] c = line.split("\\|");
            String actions = c[3].strip();
            Set<Action> allowed = switch (actions) {
                case "ALL" -> EnumSet.allOf(Action.class);
                case "NONE" -> EnumSet.noneOf(Action.class);
                default -> {
                    EnumSet<Action> set = EnumSet.noneOf(Action.class);
                    for (String a : actions.split("\\s+")) {
                        set.add(Action.valueOf(a));
                    }
                    yield set;
                }
            };
            rows.add(Arguments.of(c[0].strip(), c[1].strip(), View.valueOf(c[2].strip()), allowed));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} / {1}: {2} {3}")
    @MethodSource("matrix")
    void viewAndActions(String referral, String caller, View view, Set<Action> allowed) {
        AccessFacts facts = REFERRALS.get(referral);
        Caller who = CALLERS.get(caller);
        assertEquals(view, ReferralAccess.viewOf(who, facts), "view");
        Set<Action> actual = EnumSet.noneOf(Action.class);
        for (Action a : Action.values()) {
            if (ReferralAccess.mayAct(who, facts, a)) {
                actual.add(a);
            }
        }
        assertEquals(allowed, actual, "actions");
        if (ReferralAccess.isAboutThemselves(who, facts)) {
            assertEquals(false, ReferralAccess.isTierMember(who, facts), "never a member of their own referral's tier");
        }
    }
}
