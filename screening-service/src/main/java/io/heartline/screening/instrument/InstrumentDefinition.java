package io.heartline.screening.instrument;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;


/**
 * One version of one instrument exactly as its data file says (see {@code instruments/instrument-definition.schema.json}).
 * {@link Instrument} is the checked, ready-to-score form of it.
 */
public record InstrumentDefinition(
        String code,
        int version,
        String title,
        String source,
        String language,
        Audience audience,
        List<SubjectType> subjectTypes,
        Licence licence,
        String instructions,
        Map<String, List<Option>> optionSets,
        List<Item> items,
        Scoring scoring,
        List<Subscale> subscales,
        List<Band> bands,
        List<Rule> rules,
        List<TestVector> testVectors) {

    public InstrumentDefinition {
        subscales = subscales == null ? List.of() : subscales;
        rules = rules == null ? List.of() : rules;
    }

    public record Licence(LicenceType type, String holder, String terms, Boolean itemTextsIncluded) {
    }

    public record Option(int value, String label) {
    }

    /**
     * @param scored false for items that are asked and stored but never counted (PHQ-9 item 10, PHQ-A's yes/no items)
     * @param askedWhen null for items always asked
     */
    public record Item(int number, String text, String options, Boolean reverse, Boolean scored, Condition askedWhen) {
        public boolean isReverse() {
            return Boolean.TRUE.equals(reverse);
        }

        public boolean isScored() {
            return !Boolean.FALSE.equals(scored);
        }
    }

    /** Either {@code scoredTotalAbove}, or {@code item} + {@code atLeast}. */
    public record Condition(Integer scoredTotalAbove, Integer item, Integer atLeast) {
    }

    public record Scoring(Metric bandedOn, Integer percentageMultiplier) {
    }

    public record Subscale(String code, String label, List<Integer> items) {
    }

    /** {@code min} and {@code max} are both inclusive. */
    public record Band(String code, String label, BigDecimal min, BigDecimal max, RiskLevel riskLevel) {
    }

    public record Rule(RuleType type, String flag, RiskLevel riskLevel, Integer item, BigDecimal value, Integer count,
            Metric metric, String why) {
    }

    public enum RuleType {
        /** The answer to {@code item} is at least {@code value}: one flag naming the item. */
        ITEM_AT_LEAST,
        /** Any scored item's answer is at most {@code value}: one flag per such item. */
        ANY_ITEM_AT_MOST,
        /** The {@code metric} score is above {@code value}. */
        SCORE_ABOVE,
        /** More than {@code count} scored items have an answer of at least {@code value}. */
        ITEMS_AT_LEAST_COUNT_ABOVE,
        /** Any subscale's mean is at least {@code value}: one flag per such subscale. */
        ANY_SUBSCALE_MEAN_AT_LEAST
    }

    /**
     * Answers (item number → value, {@code fill} for every unconditional scored item not listed, the lowest option for
     * unlisted unconditional unscored items) and what scoring them must give: a result, or validation errors.
     */
    public record TestVector(String name, Integer fill, Map<Integer, Integer> answers, Expectation expect,
            List<ExpectedError> expectErrors) {
    }

    public record Expectation(Integer total, BigDecimal mean, BigDecimal percentage, String band, RiskLevel riskLevel,
            List<String> flags, Map<String, BigDecimal> subscaleMeans) {
    }

    public record ExpectedError(int item, String problem) {
    }
}
