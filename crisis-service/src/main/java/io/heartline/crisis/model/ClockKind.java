package io.heartline.crisis.model;

/** The persisted clocks of a case. */
public enum ClockKind {
    /** 2 h from the report (or the source event) to the first contact. */
    FIRST_CONTACT,
    /** A department head's report within 30 min of noticing; decided at intake, never swept. */
    REPORT_WITHIN_30_MIN,
    /** The level-2 intervention (a session, family contacted, …) within 24 h of the case opening. */
    LEVEL2_INTERVENTION,
    /** One per week of the follow-up plan (seq = week number). */
    CHECK_IN,
    /** The 24-hour watch: someone must take over before the covered time plus the allowed gap runs out. */
    WATCH
}
