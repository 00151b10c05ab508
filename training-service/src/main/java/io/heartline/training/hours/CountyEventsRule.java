package io.heartline.training.hours;

import java.util.Set;

/**
 * Full-time psychology teachers attend at least N county-level events a year (default 3, per district:
 * {@link CountyEventsRequirement}). An event "at county level" is one recorded with an {@code eventLevel} of the
 * county or above (a provincial conference is also a county-level-or-above event); the rule applies only to people
 * holding a full-time {@code PSYCHOLOGY_TEACHER} role at some school. docs/training-records.md "County-level events".
 */
public final class CountyEventsRule {

    /** Event levels that count, lowest first (kept in step with V2_1__county_events_and_revocation.sql). */
    public static final Set<String> LEVELS = Set.of("COUNTY", "MUNICIPAL", "CITY", "PROVINCIAL", "NATIONAL",
            "INTERNATIONAL");

    private CountyEventsRule() {
    }

    public static boolean counts(String eventLevel) {
        return eventLevel != null && LEVELS.contains(eventLevel);
    }

    /** @return null when the rule does not apply to the person (not a full-time psychology teacher) */
    public static Boolean met(boolean fullTimePsychologyTeacher, int required, int events) {
        return fullTimePsychologyTeacher ? events >= required : null;
    }
}
