package io.heartline.crisis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The state machine and the level suggestion as tables of known vectors. */
class CrisisCaseRulesTest {

    /** Every (state, action) pair: the expected next state, or "-" for a 409. */
    static Stream<Arguments> table() {
        String[][] rows = {
            // action          OPEN        CONTACTED   TRIAGED     FOLLOW_UP   CLOSED
            { "CONTACT",       "CONTACTED", "CONTACTED", "TRIAGED", "FOLLOW_UP", "-" },
            { "TRIAGE",        "-",         "TRIAGED",   "TRIAGED", "FOLLOW_UP", "-" },
            { "LEAD",          "OPEN",      "CONTACTED", "TRIAGED", "FOLLOW_UP", "-" },
            { "TEAM",          "-",         "-",         "TRIAGED", "FOLLOW_UP", "-" },
            { "WATCH_SHIFT",   "-",         "-",         "TRIAGED", "FOLLOW_UP", "-" },
            { "ACTION",        "OPEN",      "CONTACTED", "TRIAGED", "FOLLOW_UP", "-" },
            { "FOLLOW_UP_PLAN", "-",        "-",         "FOLLOW_UP", "-",       "-" },
            { "CHECK_IN",      "-",         "-",         "-",       "FOLLOW_UP", "-" },
            { "CLOSE",         "-",         "CLOSED",    "CLOSED",  "CLOSED",    "-" },
            { "REOPEN",        "-",         "-",         "-",       "-",         "TRIAGED" },
            { "LINK_SOURCE",   "OPEN",      "CONTACTED", "TRIAGED", "FOLLOW_UP", "-" },
        };
        Stream.Builder<Arguments> b = Stream.builder();
        for (String[] row : rows) {
            for (Status s : Status.values()) {
                b.add(Arguments.of(s, CaseAction.valueOf(row[0]), row[s.ordinal() + 1]));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("table")
    void transitions(Status from, CaseAction action, String expected) {
        Optional<Status> next = CaseRules.next(from, action);
        assertEquals(expected.equals("-") ? Optional.empty() : Optional.of(Status.valueOf(expected)), next);
    }

    @Test
    void everyActionIsInTheTable() {
        assertEquals(CaseAction.values().length * Status.values().length, table().count());
    }

    @ParameterizedTest(name = "impact {0}, coping {1}, support {2} -> {3}")
    @CsvSource({
        "1,1,1,GENERAL", "1,1,2,GENERAL", "2,1,1,GENERAL", "1,2,1,GENERAL",
        "2,2,1,MAJOR", "1,1,3,MAJOR", "2,2,2,MAJOR", "3,2,2,MAJOR", "2,3,2,MAJOR", "3,1,3,MAJOR",
        "3,3,1,EXTREME", "3,3,3,EXTREME", "2,3,3,EXTREME", "3,2,3,EXTREME" })
    void suggestedLevel(int impact, int coping, int support, Level expected) {
        assertEquals(expected, CaseRules.suggest(impact, coping, support));
    }

    @Test
    void factorsOutsideOneToThreeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CaseRules.suggest(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> CaseRules.suggest(1, 4, 1));
    }
}
