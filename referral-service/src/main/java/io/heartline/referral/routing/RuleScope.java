package io.heartline.referral.routing;

/** Whose rules a rule set is: the built-in defaults, one district's defaults, or one school's overrides. */
public enum RuleScope {
    DEFAULT, DISTRICT, SCHOOL;

    /** The scope id of the built-in defaults. */
    public static final String DEFAULT_ID = "*";
}
