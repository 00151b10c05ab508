package io.heartline.training.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The assessment rule of a programme, pure and deterministic (docs/training-records.md "Scoring"):
 * <ul>
 * <li>weighted total = Σ score × weight / 100, exact (scores have one decimal, weights are whole numbers summing to
 * 100, so the total has at most three decimals and is never rounded before the comparison);</li>
 * <li>{@code PASS} when every component has a score, every requirement is met and the total ≥ the pass mark;
 * otherwise {@code FAIL} (a high score never makes up for a missing requirement);</li>
 * <li>at close, {@code EXCELLENT}: k = ⌊excellentShare × number of participants⌋ slots; the passing participants are
 * ranked by total, the cut is the total of the k-th of them, and every passing participant whose total is at or above
 * the cut is excellent (all tied at the cut are excellent, so there may be more than k). k = 0 means none.</li>
 * </ul>
 * The outcome depends only on the data: the same scores always give the same results, whatever their order.
 */
public final class Scoring {

    public enum Result {
        PASS, FAIL, EXCELLENT
    }

    public record Component(String code, int weight) {
    }

    public record Rules(List<Component> components, BigDecimal passMark, BigDecimal excellentShare) {
    }

    /** {@code scores}: component code → score (0–100, one decimal); missing components are absent. */
    public record Participant(String personId, Map<String, BigDecimal> scores, boolean requirementsMet) {
    }

    /** {@code reasons}: codes why a participant fails ({@code MISSING_SCORE}, {@code REQUIREMENT_NOT_MET}, {@code BELOW_PASS_MARK}). */
    public record Outcome(String personId, BigDecimal weightedTotal, Result result, List<String> reasons) {
    }

    public static final BigDecimal DEFAULT_PASS_MARK = new BigDecimal("60.0");
    public static final BigDecimal DEFAULT_EXCELLENT_SHARE = new BigDecimal("0.05");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Scoring() {
    }

    /** Problems with a set of components (empty when valid): unique codes, weights 1..100 summing to 100. */
    public static List<String> validate(List<Component> components) {
        List<String> problems = new ArrayList<>();
        if (components == null || components.isEmpty()) {
            problems.add("at least one component is needed");
            return problems;
        }
        int sum = 0;
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (Component c : components) {
            if (c.weight() < 1 || c.weight() > 100) {
                problems.add("weight of " + c.code() + " must be between 1 and 100");
            }
            if (!codes.add(c.code())) {
                problems.add("component " + c.code() + " appears twice");
            }
            sum += c.weight();
        }
        if (sum != 100) {
            problems.add("weights must sum to 100 (they sum to " + sum + ")");
        }
        return problems;
    }

    /** A valid score: 0–100 with at most one decimal. */
    public static boolean validScore(BigDecimal score) {
        return score != null && score.signum() >= 0 && score.compareTo(HUNDRED) <= 0
                && score.stripTrailingZeros().scale() <= 1;
    }

    public static BigDecimal weightedTotal(Rules rules, Map<String, BigDecimal> scores) {
        BigDecimal total = BigDecimal.ZERO;
        for (Component c : rules.components()) {
            BigDecimal s = scores.get(c.code());
            if (s != null) {
                total = total.add(s.multiply(BigDecimal.valueOf(c.weight())));
            }
        }
        return total.divide(HUNDRED, 3, RoundingMode.UNNECESSARY);
    }

    /** PASS or FAIL of one participant (what the results show before the programme closes). */
    public static Outcome provisional(Rules rules, Participant p) {
        BigDecimal total = weightedTotal(rules, p.scores());
        List<String> reasons = new ArrayList<>();
        if (rules.components().stream().anyMatch(c -> !p.scores().containsKey(c.code()))) {
            reasons.add("MISSING_SCORE");
        }
        if (!p.requirementsMet()) {
            reasons.add("REQUIREMENT_NOT_MET");
        }
        if (total.compareTo(rules.passMark()) < 0) {
            reasons.add("BELOW_PASS_MARK");
        }
        return new Outcome(p.personId(), total, reasons.isEmpty() ? Result.PASS : Result.FAIL, List.copyOf(reasons));
    }

    public static int excellentSlots(int participants, BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(participants)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    /** The final results at close, in the order given. */
    public static List<Outcome> close(Rules rules, List<Participant> participants) {
        List<Outcome> outcomes = participants.stream().map(p -> provisional(rules, p)).toList();
        int slots = excellentSlots(participants.size(), rules.excellentShare());
        List<BigDecimal> passing = outcomes.stream().filter(o -> o.result() == Result.PASS)
                .map(Outcome::weightedTotal).sorted(Comparator.reverseOrder()).toList();
        if (slots == 0 || passing.isEmpty()) {
            return outcomes;
        }
        BigDecimal cut = passing.get(Math.min(slots, passing.size()) - 1);
        return outcomes.stream().map(o -> o.result() == Result.PASS && o.weightedTotal().compareTo(cut) >= 0
                ? new Outcome(o.personId(), o.weightedTotal(), Result.EXCELLENT, o.reasons())
                : o).toList();
    }
}
