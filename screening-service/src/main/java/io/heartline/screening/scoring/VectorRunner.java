package io.heartline.screening.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.Instrument.CompiledItem;
import io.heartline.screening.instrument.InstrumentDefinition.Expectation;
import io.heartline.screening.instrument.InstrumentDefinition.ExpectedError;
import io.heartline.screening.instrument.InstrumentDefinition.TestVector;

/** Runs the test vectors of a definition through {@link AnswerCheck} and {@link ScoringEngine}. */
public final class VectorRunner {

    /** @param failure null when the vector passed */
    public record Outcome(String instrument, String vector, String failure) {
        public boolean passed() {
            return failure == null;
        }
    }

    private static final BigDecimal TOLERANCE = new BigDecimal("0.005");

    private VectorRunner() {
    }

    public static List<Outcome> run(Instrument instrument) {
        return instrument.definition().testVectors().stream().map(v -> run(instrument, v)).toList();
    }

    public static Outcome run(Instrument instrument, TestVector vector) {
        AnswerCheck.Outcome checked = AnswerCheck.check(instrument, answersOf(instrument, vector));
        List<String> wrong = new ArrayList<>();
        if (vector.expectErrors() != null) {
            var expected = new TreeSet<String>();
            vector.expectErrors().forEach((ExpectedError e) -> expected.add(e.item() + " " + e.problem()));
            var actual = new TreeSet<String>();
            checked.problems().forEach(p -> actual.add(p.item() + " " + p.kind()));
            if (!expected.equals(actual)) {
                wrong.add("errors " + actual + ", expected " + expected);
            }
        } else if (!checked.valid()) {
            wrong.add("answers refused: " + checked.problems());
        } else {
            Score s = ScoringEngine.score(instrument, checked.answers());
            Expectation e = vector.expect();
            same(wrong, "total", e.total(), s.total());
            close(wrong, "mean", e.mean(), s.mean());
            close(wrong, "percentage", e.percentage(), s.percentage());
            same(wrong, "band", e.band(), s.band());
            same(wrong, "riskLevel", e.riskLevel(), s.riskLevel());
            same(wrong, "flags", new TreeSet<>(e.flags()), new TreeSet<>(s.flagCodes()));
            if (e.subscaleMeans() != null) {
                e.subscaleMeans().forEach((code, mean) -> close(wrong, "subscale " + code, mean,
                        s.subscales().stream().filter(x -> x.code().equals(code)).findFirst()
                                .map(SubscaleScore::mean).orElse(null)));
            }
        }
        return new Outcome(instrument.toString(), vector.name(), wrong.isEmpty() ? null : String.join("; ", wrong));
    }

    /**
     * The listed answers; with {@code fill}, also {@code fill} for every unlisted unconditional scored item and the
     * lowest option for every unlisted unconditional unscored one (e.g. "No"). Without it, only the listed answers.
     */
    public static List<Answer> answersOf(Instrument instrument, TestVector vector) {
        Map<Integer, Integer> answers = new LinkedHashMap<>();
        for (CompiledItem item : instrument.items().values()) {
            if (!item.conditional() && vector.fill() != null) {
                answers.put(item.number(), item.scored() ? vector.fill() : item.lowest());
            }
        }
        answers.putAll(vector.answers());
        return answers.entrySet().stream().map(en -> new Answer(en.getKey(), en.getValue())).toList();
    }

    private static void same(List<String> wrong, String what, Object expected, Object actual) {
        if (expected != null && !Objects.equals(expected, actual)) {
            wrong.add(what + " " + actual + ", expected " + expected);
        }
    }

    private static void close(List<String> wrong, String what, BigDecimal expected, BigDecimal actual) {
        if (expected != null && (actual == null || expected.subtract(actual).abs().compareTo(TOLERANCE) > 0)) {
            wrong.add(what + " " + actual + ", expected " + expected);
        }
    }
}
