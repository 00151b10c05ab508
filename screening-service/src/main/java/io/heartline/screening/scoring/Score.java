package io.heartline.screening.scoring;

import java.math.BigDecimal;
import java.util.List;

import io.heartline.screening.instrument.Metric;
import io.heartline.screening.instrument.RiskLevel;

/**
 * What scoring a valid set of answers gives.
 *
 * @param mean the mean of the scored items, rounded to 2 decimals for display (bands used the exact value)
 * @param percentage total x the instrument's multiplier, or null when it defines none
 * @param bandedOn the metric the bands apply to, and {@code bandScore} its value
 */
public record Score(int total, BigDecimal mean, BigDecimal percentage, Metric bandedOn, BigDecimal bandScore,
        List<SubscaleScore> subscales, String band, RiskLevel riskLevel, List<Flag> flags) {

    /** Distinct flag codes in order of appearance: what events carry. */
    public List<String> flagCodes() {
        return flags.stream().map(Flag::code).distinct().toList();
    }
}
