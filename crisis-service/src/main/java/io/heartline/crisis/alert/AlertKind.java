package io.heartline.crisis.alert;

/** What raised an alert (API.md "Alert kinds"). */
public enum AlertKind {
    CRITICAL_SCREENING, EMERGENCY_REFERRAL, REFERRAL_ESCALATED, CRISIS_REPORT_HARM, EXTREME_TRIAGE, CRISIS_CLOCK_BREACH
}
