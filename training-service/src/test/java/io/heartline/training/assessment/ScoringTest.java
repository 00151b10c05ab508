package io.heartline.training.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.heartline.training.assessment.Scoring.Component;
import io.heartline.training.assessment.Scoring.Participant;
import io.heartline.training.assessment.Scoring.Result;
import io.heartline.training.assessment.Scoring.Rules;

/** Scoring vectors of the 62-hour course (50 % test, 25 % course design, 25 % growth report, pass at 60). */
class ScoringTest {

    static final Rules COURSE = new Rules(List.of(new Component("TEST", 50), new Component("COURSE_DESIGN", 25),
            new Component("GROWTH_REPORT", 25)), new BigDecimal("60"), new BigDecimal("0.05"));

    static Participant p(String id, String test, String design, String report, boolean req) {
        return new Participant(id, Map.of("TEST", new BigDecimal(test), "COURSE_DESIGN", new BigDecimal(design),
                "GROWTH_REPORT", new BigDecimal(report)), req);
    }

    @ParameterizedTest(name = "{0}/{1}/{2} req={3} -> {4} {5}")
    @CsvSource({
            // test, design, report, requirements met, total, result
            "60.0, 60.0, 60.0, true, 60.000, PASS",
            "59.9, 59.9, 59.9, true, 59.900, FAIL",
            "59.8, 60.0, 60.0, true, 59.900, FAIL",
            "60.0, 59.8, 60.2, true, 60.000, PASS",
            "100, 0, 40, true, 60.000, PASS",
            "0, 100, 100, true, 50.000, FAIL",
            "99.5, 98.0, 97.1, false, 98.525, FAIL",
            "100, 100, 100, true, 100.000, PASS",
            "0, 0, 0, true, 0.000, FAIL",
            "72.3, 81.7, 64.9, true, 72.800, PASS",
    })
    void weightedTotalAndPassMark(String test, String design, String report, boolean req, String total, Result r) {
        var o = Scoring.provisional(COURSE, p("x", test, design, report, req));
        assertEquals(new BigDecimal(total), o.weightedTotal());
        assertEquals(r, o.result());
    }

    @Test
    void aMissingRequirementFailsWhateverTheScore() {
        var o = Scoring.provisional(COURSE, p("x", "100", "100", "100", false));
        assertEquals(Result.FAIL, o.result());
        assertEquals(List.of("REQUIREMENT_NOT_MET"), o.reasons());
    }

    @Test
    void aMissingScoreFails() {
        var o = Scoring.provisional(COURSE, new Participant("x", Map.of("TEST", new BigDecimal("100"),
                "COURSE_DESIGN", new BigDecimal("100")), true));
        assertEquals(Result.FAIL, o.result());
        assertEquals(new BigDecimal("75.000"), o.weightedTotal());
        assertEquals(List.of("MISSING_SCORE"), o.reasons());
    }

    @ParameterizedTest
    @CsvSource({ "0,0", "19,0", "20,1", "39,1", "40,2", "100,5", "199,9", "1000,50" })
    void excellentSlotsAreFivePercentRoundedDown(int participants, int slots) {
        assertEquals(slots, Scoring.excellentSlots(participants, new BigDecimal("0.05")));
    }

    @Test
    void topFivePercentAreExcellent() {
        // 40 participants: 2 slots. Totals 100, 99, 98, ... all passing above 60.
        List<Participant> ps = IntStream.range(0, 40)
                .mapToObj(i -> p("p" + i, String.valueOf(100 - i), String.valueOf(100 - i), String.valueOf(100 - i), true))
                .toList();
        var out = Scoring.close(COURSE, ps);
        assertEquals(List.of("p0", "p1"), out.stream().filter(o -> o.result() == Result.EXCELLENT)
                .map(Scoring.Outcome::personId).toList());
    }

    @Test
    void allTiedAtTheCutAreExcellent() {
        // 20 participants: 1 slot; three share the top total: all three are excellent.
        List<Participant> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(p("top" + i, "95", "90", "90", true));
        }
        for (int i = 0; i < 17; i++) {
            ps.add(p("p" + i, "70", "70", "70", true));
        }
        var out = Scoring.close(COURSE, ps);
        assertEquals(3, out.stream().filter(o -> o.result() == Result.EXCELLENT).count());
        assertEquals(17, out.stream().filter(o -> o.result() == Result.PASS).count());
    }

    @Test
    void aFailingParticipantIsNeverExcellentAndTakesNoSlot() {
        List<Participant> ps = new ArrayList<>();
        ps.add(p("best-but-failed", "100", "100", "100", false));
        ps.add(p("second", "90", "90", "90", true));
        for (int i = 0; i < 18; i++) {
            ps.add(p("p" + i, "70", "70", "70", true));
        }
        var out = Scoring.close(COURSE, ps).stream()
                .collect(Collectors.toMap(Scoring.Outcome::personId, Scoring.Outcome::result));
        assertEquals(Result.FAIL, out.get("best-but-failed"));
        assertEquals(Result.EXCELLENT, out.get("second"));
    }

    @Test
    void fewerThanTwentyParticipantsHaveNoExcellent() {
        var out = Scoring.close(COURSE, List.of(p("a", "100", "100", "100", true), p("b", "61", "61", "61", true)));
        assertTrue(out.stream().noneMatch(o -> o.result() == Result.EXCELLENT));
    }

    @Test
    void resultsAreReproducibleWhateverTheOrder() {
        Random r = new Random(42);
        List<Participant> ps = IntStream.range(0, 101).mapToObj(i -> p("p" + i,
                String.valueOf(50 + r.nextInt(51)), String.valueOf(50 + r.nextInt(51)),
                String.valueOf(r.nextInt(1001) / 10.0), r.nextInt(10) > 0)).collect(Collectors.toList());
        Map<String, Result> first = Scoring.close(COURSE, ps).stream()
                .collect(Collectors.toMap(Scoring.Outcome::personId, Scoring.Outcome::result));
        Collections.shuffle(ps, new Random(7));
        Map<String, Result> second = Scoring.close(COURSE, ps).stream()
                .collect(Collectors.toMap(Scoring.Outcome::personId, Scoring.Outcome::result));
        assertEquals(first, second);
        assertTrue(first.values().stream().filter(v -> v == Result.EXCELLENT).count() >= 5);
    }

    @Test
    void weightsAreValidated() {
        assertEquals(List.of(), Scoring.validate(COURSE.components()));
        assertEquals(List.of("weights must sum to 100 (they sum to 90)"),
                Scoring.validate(List.of(new Component("A", 50), new Component("B", 40))));
        assertEquals(2, Scoring.validate(List.of(new Component("A", 0), new Component("A", 100))).size());
    }

    @ParameterizedTest
    @CsvSource({ "0,true", "100,true", "59.9,true", "60.05,false", "100.1,false", "-0.1,false", "99.90,true" })
    void scoresHaveOneDecimalBetween0And100(String score, boolean valid) {
        assertEquals(valid, Scoring.validScore(new BigDecimal(score)));
    }
}
