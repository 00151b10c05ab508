package io.heartline.screening.scoring;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.Instrument.CompiledItem;
import io.heartline.screening.instrument.InstrumentDefinition.Band;
import io.heartline.screening.instrument.InstrumentDefinition.Rule;
import io.heartline.screening.instrument.InstrumentDefinition.Subscale;
import io.heartline.screening.instrument.Metric;
import io.heartline.screening.instrument.RiskLevel;

/**
 * Scores answers that {@link AnswerCheck} accepted, generically over the definition: scored values (reverse-scored
 * items flipped), total, mean, percentage, subscales, the band of the banded metric, then rules that may only raise
 * the risk level and add flags. Changing what a definition means here requires bumping
 * {@link io.heartline.screening.instrument.DefinitionLoader#SCORING_SEMANTICS_VERSION}.
 */
public final class ScoringEngine {

    private static final int DISPLAY_SCALE = 2;

    private ScoringEngine() {
    }

    /** @param answers item number → value, as {@link AnswerCheck.Outcome#answers()} returns them */
    public static Score score(Instrument instrument, Map<Integer, Integer> answers) {
        int total = 0;
        for (CompiledItem item : instrument.scoredItems()) {
            total += item.scoredValue(answers.get(item.number()));
        }
        BigDecimal exactMean = instrument.metricOf(Metric.MEAN, total);
        BigDecimal percentage = instrument.hasPercentage() ? instrument.metricOf(Metric.PERCENTAGE, total) : null;
        Metric bandedOn = instrument.definition().scoring().bandedOn();
        BigDecimal bandScore = instrument.metricOf(bandedOn, total);
        Band band = instrument.definition().bands().stream()
                .filter(b -> b.min().compareTo(bandScore) <= 0 && bandScore.compareTo(b.max()) <= 0)
                .findFirst()
                // Compile-time band coverage makes this unreachable for valid answers.
                .orElseThrow(() -> new IllegalStateException(instrument + ": no band for " + bandScore));

        List<SubscaleScore> subscales = new ArrayList<>();
        List<BigDecimal> exactSubscaleMeans = new ArrayList<>();
        for (Subscale s : instrument.definition().subscales()) {
            int sum = s.items().stream().mapToInt(n -> instrument.item(n).scoredValue(answers.get(n))).sum();
            BigDecimal mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(s.items().size()), MathContext.DECIMAL64);
            exactSubscaleMeans.add(mean);
            subscales.add(new SubscaleScore(s.code(), s.label(), sum, display(mean)));
        }

        RiskLevel risk = band.riskLevel();
        List<Flag> flags = new ArrayList<>();
        for (Rule rule : instrument.definition().rules()) {
            List<Flag> raised = apply(rule, instrument, answers, total, exactSubscaleMeans);
            if (!raised.isEmpty()) {
                flags.addAll(raised);
                risk = risk.max(rule.riskLevel());
            }
        }
        return new Score(total, display(exactMean), percentage == null ? null : display(percentage), bandedOn,
                display(bandScore), List.copyOf(subscales), band.code(), risk, List.copyOf(flags));
    }

    private static List<Flag> apply(Rule rule, Instrument instrument, Map<Integer, Integer> answers, int total,
            List<BigDecimal> subscaleMeans) {
        BigDecimal threshold = rule.value();
        return switch (rule.type()) {
            case ITEM_AT_LEAST -> {
                Integer answer = answers.get(rule.item());
                yield answer != null && threshold.compareTo(BigDecimal.valueOf(answer)) <= 0
                        ? List.of(Flag.ofItem(rule.flag(), rule.item())) : List.of();
            }
            case ANY_ITEM_AT_MOST -> instrument.scoredItems().stream()
                    .filter(i -> BigDecimal.valueOf(answers.get(i.number())).compareTo(threshold) <= 0)
                    .map(i -> Flag.ofItem(rule.flag(), i.number())).toList();
            case SCORE_ABOVE -> instrument.metricOf(rule.metric(), total).compareTo(threshold) > 0
                    ? List.of(Flag.of(rule.flag())) : List.of();
            case ITEMS_AT_LEAST_COUNT_ABOVE -> {
                long count = instrument.scoredItems().stream()
                        .filter(i -> BigDecimal.valueOf(answers.get(i.number())).compareTo(threshold) >= 0).count();
                yield count > rule.count() ? List.of(Flag.of(rule.flag())) : List.of();
            }
            case ANY_SUBSCALE_MEAN_AT_LEAST -> {
                List<Flag> out = new ArrayList<>();
                List<Subscale> subscales = instrument.definition().subscales();
                for (int i = 0; i < subscales.size(); i++) {
                    if (subscaleMeans.get(i).compareTo(threshold) >= 0) {
                        out.add(Flag.ofSubscale(rule.flag(), subscales.get(i).code()));
                    }
                }
                yield out;
            }
        };
    }

    private static BigDecimal display(BigDecimal exact) {
        BigDecimal rounded = exact.setScale(DISPLAY_SCALE, RoundingMode.HALF_UP);
        return rounded.stripTrailingZeros().scale() < 0 ? rounded.setScale(0) : rounded.stripTrailingZeros();
    }
}
