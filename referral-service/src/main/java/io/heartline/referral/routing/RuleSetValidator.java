package io.heartline.referral.routing;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.heartline.platform.web.Problem.FieldError;
import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;

/**
 * Turns submitted rules into {@link RoutingRule}s, or lists every problem by rule index: unknown values, a time to
 * accept that is not an ISO-8601 duration from {@link #MIN_ACCEPT_WITHIN} to {@link #MAX_ACCEPT_WITHIN}, rules that can never
 * fire (after a catch-all, shadowed by an earlier rule at least as general, or matching a combination no referral
 * has), and rules that would route a CRITICAL screening or an EMERGENCY referral below {@link EmergencyFloor}.
 */
public final class RuleSetValidator {

    public static final int MAX_RULES = 50;
    public static final Duration MAX_ACCEPT_WITHIN = Duration.ofDays(30);
    /**
     * Nobody can see, weigh and accept a referral in less; a shorter window would only push every referral up the
     * chain at the next SLA sweep (every 15 s), past the people it was meant for.
     */
    public static final Duration MIN_ACCEPT_WITHIN = Duration.ofMinutes(15);

    /** The outcome: the rules when {@code errors} is empty. */
    public record Result(List<RoutingRule> rules, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Result validate(List<RuleInput> inputs) {
        List<FieldError> errors = new ArrayList<>();
        if (inputs.size() > MAX_RULES) {
            errors.add(new FieldError("rules", "at most " + MAX_RULES + " rules"));
            return new Result(List.of(), errors);
        }
        List<RoutingRule> rules = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            RoutingRule rule = parse(inputs.get(i), "rules[" + i + "]", errors);
            rules.add(rule);
        }
        if (!errors.isEmpty()) {
            return new Result(List.of(), errors);
        }
        for (int i = 0; i < rules.size(); i++) {
            checkReachable(rules, i, errors);
            checkTierFits(rules.get(i), "rules[" + i + "]", errors);
            checkEmergencyFloor(rules, i, errors);
        }
        return new Result(errors.isEmpty() ? List.copyOf(rules) : List.of(), errors);
    }

    private static RoutingRule parse(RuleInput in, String at, List<FieldError> errors) {
        if (in == null) {
            errors.add(new FieldError(at, "must be a rule object"));
            return null;
        }
        RuleInput.Match m = in.match() == null ? new RuleInput.Match(null, null, null, null) : in.match();
        int before = errors.size();
        RiskLevel risk = enumValue(RiskLevel.class, m.riskLevel(), at + ".match.riskLevel", errors);
        SubjectType subjectType = enumValue(SubjectType.class, m.subjectType(), at + ".match.subjectType", errors);
        Source source = enumValue(Source.class, m.source(), at + ".match.source", errors);
        Urgency urgency = enumValue(Urgency.class, m.urgency(), at + ".match.urgency", errors);
        Tier tier = null;
        if (in.tier() == null) {
            errors.add(new FieldError(at + ".tier", "required"));
        } else {
            tier = enumValue(Tier.class, in.tier(), at + ".tier", errors);
        }
        Duration acceptWithin = duration(in.acceptWithin(), at + ".acceptWithin", errors);
        if (errors.size() > before) {
            return null;
        }
        return new RoutingRule(risk, subjectType, source, urgency, tier, acceptWithin);
    }

    private static void checkReachable(List<RoutingRule> rules, int i, List<FieldError> errors) {
        RoutingRule rule = rules.get(i);
        String at = "rules[" + i + "]";
        for (int j = 0; j < i; j++) {
            RoutingRule earlier = rules.get(j);
            if (rule.isShadowedBy(earlier)) {
                errors.add(new FieldError(at, earlier.isCatchAll()
                        ? "unreachable: rules[" + j + "] before it matches every referral"
                        : "unreachable: rules[" + j + "] before it matches every referral this one matches"));
                return;
            }
        }
        if (rule.riskLevel() != null && rule.source() != null && rule.source() != Source.SCREENING) {
            errors.add(new FieldError(at, "unreachable: only SCREENING referrals have a riskLevel"));
        } else if (rule.riskLevel() != null && rule.urgency() != null
                && rule.urgency() != Urgency.forRisk(rule.riskLevel())) {
            errors.add(new FieldError(at, "unreachable: a " + rule.riskLevel() + " screening has urgency "
                    + Urgency.forRisk(rule.riskLevel())));
        }
    }

    private static void checkTierFits(RoutingRule rule, String at, List<FieldError> errors) {
        if (rule.subjectType() == SubjectType.STAFF && rule.tier() == Tier.CLASS_TEACHER) {
            errors.add(new FieldError(at + ".tier", "staff are never routed to CLASS_TEACHER"));
        }
    }

    /**
     * A rule that can receive a CRITICAL screening or an EMERGENCY referral — its match allows one (a field left out
     * matches anything) and no earlier rule of the list takes it first — must send it to a psychologist tier within
     * {@link EmergencyFloor#MAX_ACCEPT_WITHIN}. A catch-all after a CRITICAL and an EMERGENCY rule receives none.
     */
    private static void checkEmergencyFloor(List<RoutingRule> rules, int i, List<FieldError> errors) {
        RoutingRule rule = rules.get(i);
        RoutingFacts example = null;
        for (RoutingFacts f : EmergencyFloor.FACTS) {
            if (rule.matches(f) && rules.subList(0, i).stream().noneMatch(earlier -> earlier.matches(f))) {
                example = f;
                break;
            }
        }
        if (example == null) {
            return;
        }
        String at = "rules[" + i + "]";
        String why = "this rule receives CRITICAL screenings or EMERGENCY referrals (e.g. "
                + EmergencyFloor.describe(example) + ") that no earlier rule takes; they must reach a psychologist at"
                + " once. Narrow the match (e.g. urgency ROUTINE) or put a CRITICAL/EMERGENCY rule before it";
        if (EmergencyFloor.MIN_TIER.isAbove(rule.tier())) {
            errors.add(new FieldError(at + ".tier", "must be " + EmergencyFloor.MIN_TIER + " or higher: " + why));
        }
        if (rule.acceptWithin().compareTo(EmergencyFloor.MAX_ACCEPT_WITHIN) > 0) {
            errors.add(new FieldError(at + ".acceptWithin", "must be at most " + EmergencyFloor.MAX_ACCEPT_WITHIN
                    + ": " + why));
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field,
            List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "unknown value '" + value + "'; one of "
                    + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static Duration duration(String value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "required (ISO-8601 duration, e.g. PT48H)"));
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "not an ISO-8601 duration (e.g. PT48H or P3D)"));
            return null;
        }
        if (d.isNegative() || d.isZero()) {
            errors.add(new FieldError(field, "must be positive"));
            return null;
        }
        if (d.compareTo(MIN_ACCEPT_WITHIN) < 0) {
            errors.add(new FieldError(field, "must be at least " + MIN_ACCEPT_WITHIN));
            return null;
        }
        if (d.compareTo(MAX_ACCEPT_WITHIN) > 0) {
            errors.add(new FieldError(field, "must be at most " + MAX_ACCEPT_WITHIN));
            return null;
        }
        return d;
    }
}
