package io.heartline.screening.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.heartline.screening.instrument.RiskLevel;
import io.heartline.screening.support.Definitions;

/** The rules the issue names, written out in Java on top of the definitions' own vectors. */
class CriticalRulesTest {

    private static Score score(String code, Map<Integer, Integer> answers) {
        List<Answer> given = answers.entrySet().stream().map(e -> new Answer(e.getKey(), e.getValue())).toList();
        AnswerCheck.Outcome checked = AnswerCheck.check(Definitions.get(code), given);
        assertTrue(checked.valid(), () -> checked.problems().toString());
        return ScoringEngine.score(Definitions.get(code), checked.answers());
    }

    private static Map<Integer, Integer> items(int count, int value) {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            m.put(i, value);
        }
        return m;
    }

    @Test
    void phq9Item9AtOneWithATotalOfOneIsCritical() {
        Map<Integer, Integer> a = items(9, 0);
        a.put(9, 1);
        a.put(10, 0);
        Score s = score("PHQ-9", a);
        assertEquals(1, s.total());
        assertEquals("MINIMAL", s.band());
        assertEquals(RiskLevel.CRITICAL, s.riskLevel());
        assertEquals(List.of(Flag.ofItem("SELF_HARM_IDEATION", 9)), s.flags());
    }

    @Test
    void phqAYesToEitherSuicideQuestionIsCritical() {
        for (int item : new int[] { 12, 13 }) {
            Map<Integer, Integer> a = items(13, 0);
            a.remove(11); // the difficulty question is asked only when the total is above 0
            a.put(item, 1);
            Score s = score("PHQ-A", a);
            assertEquals(0, s.total());
            assertEquals(RiskLevel.CRITICAL, s.riskLevel(), "yes to item " + item);
            assertEquals(item, s.flags().get(0).item());
        }
        Map<Integer, Integer> none = items(13, 0);
        none.remove(11);
        assertEquals(RiskLevel.NONE, score("PHQ-A", none).riskLevel());
    }

    @Test
    void staffMonthlyMean29IsModerateAndMean30WithNoItemAt1IsNone() {
        Map<Integer, Integer> a = items(10, 3);
        a.put(1, 2);
        Score s = score("STAFF-MONTHLY", a);
        assertEquals(0, new BigDecimal("2.9").compareTo(s.mean()));
        assertEquals(RiskLevel.MODERATE, s.riskLevel());
        assertEquals(List.of(), s.flags());

        Score well = score("STAFF-MONTHLY", items(10, 3));
        assertEquals(0, new BigDecimal("3").compareTo(well.mean()));
        assertEquals(RiskLevel.NONE, well.riskLevel());
    }

    @Test
    void staffMonthlyAnyItemAt1IsAtLeastModerateWhateverTheMean() {
        Map<Integer, Integer> a = items(10, 5);
        a.put(7, 1);
        Score s = score("STAFF-MONTHLY", a);
        assertEquals("WELL", s.band());
        assertEquals(RiskLevel.MODERATE, s.riskLevel());
        assertEquals(List.of(Flag.ofItem("LOWEST_RATING", 7)), s.flags());
    }

    @Test
    void who5IsBandedOnRawTimesFour() {
        Score s = score("WHO-5", Map.of(1, 3, 2, 2, 3, 1, 4, 1, 5, 1));
        assertEquals(8, s.total());
        assertEquals(0, new BigDecimal("32").compareTo(s.percentage()));
        assertEquals(RiskLevel.MODERATE, s.riskLevel());
    }

    @Test
    void scl90PositiveScreenCriteria() {
        Map<Integer, Integer> a = items(90, 1);
        assertEquals(RiskLevel.NONE, score("SCL-90", a).riskLevel());
        // Any factor mean >= 2: the six hostility items at 2.
        for (int i : new int[] { 11, 24, 63, 67, 74, 81 }) {
            a.put(i, 2);
        }
        Score s = score("SCL-90", a);
        assertEquals(RiskLevel.MODERATE, s.riskLevel());
        assertEquals(List.of(Flag.ofSubscale("FACTOR_MEAN_AT_LEAST_2", "HOSTILITY")), s.flags());
        assertEquals(9, s.subscales().size());
    }

    @Test
    void rulesNeverLowerTheBandsLevel() {
        Score severe = score("PHQ-9", withItem10(items(9, 3)));
        assertEquals(RiskLevel.CRITICAL, severe.riskLevel());
        Map<Integer, Integer> a = items(9, 3);
        a.put(9, 0);
        assertEquals(RiskLevel.HIGH, score("PHQ-9", withItem10(a)).riskLevel());
    }

    private static Map<Integer, Integer> withItem10(Map<Integer, Integer> a) {
        a.put(10, 2);
        return a;
    }
}
