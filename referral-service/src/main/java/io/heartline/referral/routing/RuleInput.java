package io.heartline.referral.routing;

/**
 * One rule as clients send it. Values are strings so that the validator can name the rule of every bad value
 * ({@code rules[2].tier}) instead of failing on the first unknown enum.
 */
public record RuleInput(Match match, String tier, String acceptWithin) {

    /** Null fields match anything. */
    public record Match(String riskLevel, String subjectType, String source, String urgency) {
    }
}
