package io.heartline.screening.instrument;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.heartline.screening.instrument.InstrumentDefinition.Band;
import io.heartline.screening.instrument.InstrumentDefinition.Item;
import io.heartline.screening.instrument.InstrumentDefinition.Option;
import io.heartline.screening.instrument.InstrumentDefinition.Rule;

/**
 * A definition whose meaning was checked (references resolve, every achievable score falls in exactly one band),
 * with the lookups that validation and scoring need on the hot path. Immutable; built once at startup.
 */
public final class Instrument {

    /** One item with its options resolved. */
    public record CompiledItem(int number, String text, List<Option> options, Set<Integer> allowedValues, int lowest,
            int highest, boolean reverse, boolean scored, InstrumentDefinition.Condition askedWhen, String optionSet) {

        /** The value counted in scores: reverse-scored items count (lowest + highest) - answer. */
        public int scoredValue(int answer) {
            return reverse ? lowest + highest - answer : answer;
        }

        public boolean conditional() {
            return askedWhen != null;
        }
    }

    private final InstrumentDefinition definition;
    private final Map<Integer, CompiledItem> items;
    private final List<CompiledItem> scoredItems;
    private final String scoringRulesVersion;

    private Instrument(InstrumentDefinition definition, Map<Integer, CompiledItem> items, String scoringRulesVersion) {
        this.definition = definition;
        this.items = Collections.unmodifiableMap(items);
        this.scoredItems = items.values().stream().filter(CompiledItem::scored).toList();
        this.scoringRulesVersion = scoringRulesVersion;
    }

    /**
     * Checks the meaning of a schema-valid definition.
     *
     * @throws InvalidDefinitionException listing every problem found
     */
    public static Instrument compile(InstrumentDefinition d, String scoringRulesVersion) {
        List<String> problems = new ArrayList<>();
        Map<Integer, CompiledItem> items = new LinkedHashMap<>();
        int expected = 1;
        for (Item item : d.items()) {
            if (item.number() != expected) {
                problems.add("items must be numbered 1, 2, 3... in order: found " + item.number() + " where "
                        + expected + " was expected");
            }
            expected = item.number() + 1;
            List<Option> options = d.optionSets().get(item.options());
            if (options == null) {
                problems.add("item " + item.number() + ": unknown option set '" + item.options() + "'");
                continue;
            }
            Set<Integer> values = new TreeSet<>();
            options.forEach(o -> values.add(o.value()));
            if (values.size() != options.size()) {
                problems.add("option set '" + item.options() + "' repeats a value");
            }
            int lowest = Collections.min(values);
            int highest = Collections.max(values);
            if (item.askedWhen() != null && item.isScored()) {
                // A scored conditional item would make the total depend on itself.
                problems.add("item " + item.number() + ": conditional items must have \"scored\": false");
            }
            items.put(item.number(), new CompiledItem(item.number(), item.text(), List.copyOf(options),
                    Set.copyOf(values), lowest, highest, item.isReverse(), item.isScored(), item.askedWhen(),
                    item.options()));
        }
        for (CompiledItem item : items.values()) {
            if (item.askedWhen() != null && item.askedWhen().item() != null) {
                CompiledItem ref = items.get(item.askedWhen().item());
                if (ref == null || ref.conditional() || ref.number() >= item.number()) {
                    problems.add("item " + item.number() + ": askedWhen must name an earlier, unconditional item");
                }
            }
        }
        if (items.values().stream().noneMatch(CompiledItem::scored)) {
            problems.add("no scored item");
        }
        for (InstrumentDefinition.Subscale s : d.subscales()) {
            for (int n : s.items()) {
                CompiledItem item = items.get(n);
                if (item == null || !item.scored()) {
                    problems.add("subscale " + s.code() + ": item " + n + " is not a scored item");
                }
            }
        }
        for (Rule r : d.rules()) {
            if (r.item() != null && !items.containsKey(r.item())) {
                problems.add("rule " + r.flag() + ": unknown item " + r.item());
            }
            if (r.type() == InstrumentDefinition.RuleType.ANY_SUBSCALE_MEAN_AT_LEAST && d.subscales().isEmpty()) {
                problems.add("rule " + r.flag() + ": the instrument has no subscales");
            }
            if (r.type() == InstrumentDefinition.RuleType.SCORE_ABOVE && r.metric() == Metric.PERCENTAGE
                    && d.scoring().percentageMultiplier() == null) {
                problems.add("rule " + r.flag() + ": PERCENTAGE needs scoring.percentageMultiplier");
            }
        }
        Instrument instrument = new Instrument(d, items, scoringRulesVersion);
        if (problems.isEmpty()) {
            problems.addAll(instrument.bandCoverageProblems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(d.code() + " v" + d.version(), problems);
        }
        return instrument;
    }

    /** Every achievable value of the banded score must fall in exactly one band. */
    private List<String> bandCoverageProblems() {
        List<String> problems = new ArrayList<>();
        for (Band b : definition.bands()) {
            if (b.min().compareTo(b.max()) > 0) {
                problems.add("band " + b.code() + ": min is above max");
            }
        }
        for (BigDecimal score : achievableBandScores()) {
            List<String> matching = definition.bands().stream()
                    .filter(b -> b.min().compareTo(score) <= 0 && score.compareTo(b.max()) <= 0)
                    .map(Band::code).toList();
            if (matching.size() != 1) {
                problems.add("score " + score.stripTrailingZeros().toPlainString() + " falls in "
                        + (matching.isEmpty() ? "no band" : "several bands " + matching));
            }
        }
        return problems;
    }

    /** The totals the scored items can add up to (subset sums of their scored values). */
    public TreeSet<Integer> achievableTotals() {
        TreeSet<Integer> totals = new TreeSet<>(Set.of(0));
        for (CompiledItem item : scoredItems) {
            TreeSet<Integer> next = new TreeSet<>();
            for (int t : totals) {
                for (int v : item.allowedValues()) {
                    next.add(t + item.scoredValue(v));
                }
            }
            totals = next;
        }
        return totals;
    }

    public List<BigDecimal> achievableBandScores() {
        return achievableTotals().stream().map(t -> metricOf(definition.scoring().bandedOn(), t)).toList();
    }

    /** A metric's exact value for a total of the scored items. */
    public BigDecimal metricOf(Metric metric, int total) {
        return switch (metric) {
            case TOTAL -> BigDecimal.valueOf(total);
            case MEAN -> BigDecimal.valueOf(total).divide(BigDecimal.valueOf(scoredItems.size()), MathContext.DECIMAL64);
            case PERCENTAGE -> BigDecimal.valueOf((long) total * percentageMultiplier());
        };
    }

    private int percentageMultiplier() {
        Integer m = definition.scoring().percentageMultiplier();
        if (m == null) {
            throw new IllegalStateException(code() + " defines no percentage");
        }
        return m;
    }

    public boolean hasPercentage() {
        return definition.scoring().percentageMultiplier() != null;
    }

    public InstrumentDefinition definition() {
        return definition;
    }

    public String code() {
        return definition.code();
    }

    public int version() {
        return definition.version();
    }

    /** Which scoring rules produced a result: the engine's version and a digest of this definition's scoring parts. */
    public String scoringRulesVersion() {
        return scoringRulesVersion;
    }

    public Map<Integer, CompiledItem> items() {
        return items;
    }

    public CompiledItem item(int number) {
        return items.get(number);
    }

    public List<CompiledItem> scoredItems() {
        return scoredItems;
    }

    public boolean isLicensed() {
        return definition.licence().type() == LicenceType.LICENSED;
    }

    public boolean allowsSubjectType(SubjectType type) {
        return definition.subjectTypes().contains(type);
    }

    @Override
    public String toString() {
        return code() + " v" + version();
    }
}
