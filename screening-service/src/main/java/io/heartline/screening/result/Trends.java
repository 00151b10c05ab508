package io.heartline.screening.result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.InstrumentDefinition.Band;
import io.heartline.screening.result.ResultViews.Direction;
import io.heartline.screening.result.ResultViews.Trend;
import io.heartline.screening.result.ResultViews.TrendPoint;

/** Builds trends from results grouped by instrument (plain logic). */
public final class Trends {

    private Trends() {
    }

    /**
     * @param results oldest first within each instrument
     * @param instruments the definition each result was scored with (code and version), to read its direction
     */
    public static List<Trend> of(List<StoredScreening> results, Function<StoredScreening, Instrument> instruments) {
        Map<String, List<StoredScreening>> byInstrument = new LinkedHashMap<>();
        results.forEach(r -> byInstrument.computeIfAbsent(r.instrument(), k -> new ArrayList<>()).add(r));
        List<Trend> trends = new ArrayList<>();
        byInstrument.forEach((code, rows) -> {
            StoredScreening last = rows.get(rows.size() - 1);
            boolean higherIsWorse = higherScoreIsWorse(instruments.apply(last));
            Direction direction = rows.size() < 2 ? Direction.SINGLE_RESULT
                    : direction(rows.get(rows.size() - 2), last, higherIsWorse);
            List<TrendPoint> points = rows.stream().map(r -> new TrendPoint(r.id(), r.submittedAt(),
                    r.instrumentVersion(), r.bandScore(), r.band(), r.riskLevel())).toList();
            trends.add(new Trend(code, last.bandedOn(), higherIsWorse, direction, points));
        });
        return trends;
    }

    static Direction direction(StoredScreening before, StoredScreening after, boolean higherIsWorse) {
        int byRisk = after.riskLevel().compareTo(before.riskLevel());
        if (byRisk != 0) {
            return byRisk > 0 ? Direction.WORSENING : Direction.IMPROVING;
        }
        int byScore = after.bandScore().compareTo(before.bandScore());
        if (byScore == 0) {
            return Direction.STABLE;
        }
        return (byScore > 0) == higherIsWorse ? Direction.WORSENING : Direction.IMPROVING;
    }

    /** WHO-5 and STAFF-MONTHLY put their riskiest band at the low end: there a higher score is better. */
    static boolean higherScoreIsWorse(Instrument instrument) {
        List<Band> bands = instrument.definition().bands().stream()
                .sorted((a, b) -> a.min().compareTo(b.min())).toList();
        return bands.get(0).riskLevel().compareTo(bands.get(bands.size() - 1).riskLevel()) <= 0;
    }
}
