package io.heartline.screening.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.Instrument.CompiledItem;
import io.heartline.screening.scoring.AnswerProblem.Kind;

/**
 * Checks a set of answers against an instrument and names every bad item: missing, out of range, duplicated, unknown,
 * or answered although the form does not ask it. Conditions are judged on the valid answers only.
 */
public final class AnswerCheck {

    /** Either the answers by item number (in item order), or the problems (sorted by item). */
    public record Outcome(Map<Integer, Integer> answers, List<AnswerProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private AnswerCheck() {
    }

    public static Outcome check(Instrument instrument, List<Answer> given) {
        List<AnswerProblem> problems = new ArrayList<>();
        Map<Integer, Long> counts = given.stream().collect(Collectors.groupingBy(Answer::item, Collectors.counting()));
        Map<Integer, Integer> valid = new TreeMap<>();
        for (Answer a : given) {
            CompiledItem item = instrument.item(a.item());
            if (item == null) {
                continue;
            }
            if (!item.allowedValues().contains(a.value())) {
                problems.add(new AnswerProblem(a.item(), Kind.OUT_OF_RANGE,
                        "item " + a.item() + ": " + a.value() + " is not one of " + item.allowedValues()));
            } else if (counts.get(a.item()) == 1) {
                valid.put(a.item(), a.value());
            }
        }
        counts.forEach((number, count) -> {
            if (instrument.item(number) == null) {
                problems.add(new AnswerProblem(number, Kind.UNKNOWN_ITEM, "item " + number + ": "
                        + instrument.code() + " has items 1 to " + instrument.items().size()));
            } else if (count > 1) {
                problems.add(new AnswerProblem(number, Kind.DUPLICATED,
                        "item " + number + ": answered " + count + " times"));
            }
        });
        int scoredTotal = instrument.scoredItems().stream().filter(i -> valid.containsKey(i.number()))
                .mapToInt(i -> i.scoredValue(valid.get(i.number()))).sum();
        for (CompiledItem item : instrument.items().values()) {
            boolean asked = isAsked(item, valid, scoredTotal);
            boolean answered = counts.containsKey(item.number());
            if (asked && !answered) {
                problems.add(new AnswerProblem(item.number(), Kind.MISSING, "item " + item.number() + ": missing"));
            } else if (!asked && answered) {
                problems.add(new AnswerProblem(item.number(), Kind.NOT_ASKED,
                        "item " + item.number() + ": not asked " + describe(item)));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(AnswerProblem::item).thenComparing(AnswerProblem::kind));
            return new Outcome(Map.of(), List.copyOf(problems));
        }
        return new Outcome(new LinkedHashMap<>(valid), List.of());
    }

    private static boolean isAsked(CompiledItem item, Map<Integer, Integer> valid, int scoredTotal) {
        var when = item.askedWhen();
        if (when == null) {
            return true;
        }
        if (when.scoredTotalAbove() != null) {
            return scoredTotal > when.scoredTotalAbove();
        }
        Integer other = valid.get(when.item());
        return other != null && other >= when.atLeast();
    }

    private static String describe(CompiledItem item) {
        var when = item.askedWhen();
        return when.scoredTotalAbove() != null
                ? "(asked only when the total is above " + when.scoredTotalAbove() + ")"
                : "(asked only when item " + when.item() + " is at least " + when.atLeast() + ")";
    }
}
