package io.heartline.screening.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.Instrument.CompiledItem;
import io.heartline.screening.instrument.InstrumentDefinition.Band;
import io.heartline.screening.support.Definitions;

/**
 * Both sides of every cut-off of every definition: for each band, answers reaching its lowest and highest achievable
 * score land in it, and the achievable scores just outside land in the neighbouring bands.
 */
class BandBoundaryTest {

    static Stream<Arguments> cutOffs() {
        List<Arguments> out = new ArrayList<>();
        for (Instrument i : Definitions.all()) {
            TreeSet<Integer> totals = i.achievableTotals();
            for (Band b : i.definition().bands()) {
                List<Integer> inside = totals.stream().filter(t -> inBand(i, b, t)).toList();
                assertTrue(!inside.isEmpty(), i + " band " + b.code() + " cannot be reached");
                int low = inside.get(0);
                int high = inside.get(inside.size() - 1);
                out.add(Arguments.of(i, low, b.code()));
                out.add(Arguments.of(i, high, b.code()));
                Integer below = totals.lower(low);
                Integer above = totals.higher(high);
                if (below != null) {
                    out.add(Arguments.of(i, below, bandOf(i, below)));
                }
                if (above != null) {
                    out.add(Arguments.of(i, above, bandOf(i, above)));
                }
            }
        }
        return out.stream().distinct();
    }

    @ParameterizedTest(name = "{0}: total {1} -> {2}")
    @MethodSource("cutOffs")
    void totalLandsInItsBand(Instrument instrument, int total, String band) {
        List<Answer> answers = answersFor(instrument, total);
        AnswerCheck.Outcome checked = AnswerCheck.check(instrument, answers);
        assertTrue(checked.valid(), () -> checked.problems().toString());
        Score score = ScoringEngine.score(instrument, checked.answers());
        assertEquals(total, score.total());
        assertEquals(band, score.band());
        Band b = instrument.definition().bands().stream().filter(x -> x.code().equals(band)).findFirst().orElseThrow();
        assertTrue(score.riskLevel().isAtLeast(b.riskLevel()), "rules only ever raise the band's level");
    }

    private static boolean inBand(Instrument i, Band b, int total) {
        BigDecimal v = i.metricOf(i.definition().scoring().bandedOn(), total);
        return b.min().compareTo(v) <= 0 && v.compareTo(b.max()) <= 0;
    }

    private static String bandOf(Instrument i, int total) {
        return i.definition().bands().stream().filter(b -> inBand(i, b, total)).findFirst().orElseThrow().code();
    }

    /** Answers whose scored total is exactly {@code total} (a subset-sum walk), plus whatever the form then asks. */
    static List<Answer> answersFor(Instrument instrument, int total) {
        List<CompiledItem> scored = instrument.scoredItems();
        // reachable.get(k): totals reachable with the first k scored items
        List<TreeSet<Integer>> reachable = new ArrayList<>();
        reachable.add(new TreeSet<>(List.of(0)));
        for (CompiledItem item : scored) {
            TreeSet<Integer> next = new TreeSet<>();
            for (int t : reachable.get(reachable.size() - 1)) {
                item.allowedValues().forEach(v -> next.add(t + item.scoredValue(v)));
            }
            reachable.add(next);
        }
        Map<Integer, Integer> chosen = new LinkedHashMap<>();
        int remaining = total;
        for (int k = scored.size() - 1; k >= 0; k--) {
            CompiledItem item = scored.get(k);
            for (int v : new TreeSet<>(item.allowedValues())) {
                int rest = remaining - item.scoredValue(v);
                if (reachable.get(k).contains(rest)) {
                    chosen.put(item.number(), v);
                    remaining = rest;
                    break;
                }
            }
        }
        for (CompiledItem item : instrument.items().values()) {
            if (!item.scored() && !item.conditional()) {
                chosen.put(item.number(), item.lowest());
            }
        }
        List<Answer> answers = new ArrayList<>();
        chosen.forEach((n, v) -> answers.add(new Answer(n, v)));
        // Conditional items: add those the form now asks.
        for (AnswerProblem p : AnswerCheck.check(instrument, answers).problems()) {
            if (p.kind() == AnswerProblem.Kind.MISSING) {
                answers.add(new Answer(p.item(), instrument.item(p.item()).lowest()));
            }
        }
        return answers;
    }
}
