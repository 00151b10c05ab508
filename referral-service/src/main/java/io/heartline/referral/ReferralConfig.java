package io.heartline.referral;

import io.heartline.referral.routing.EscalationWindows;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heartline.referral.*}: routing fallback and SLA settings. */
@ConfigMapping(prefix = "heartline.referral")
public interface ReferralConfig {

    Routing routing();

    Sla sla();

    interface Routing {
        /** Time to accept when no rule matches (the referral goes to SCHOOL_PSYCHOLOGIST). */
        @WithDefault("PT24H")
        Duration fallbackAcceptWithin();
    }

    interface Sla {
        /** Whether this instance sweeps for overdue stages (safe to run on every instance). */
        @WithDefault("true")
        boolean enabled();

        /** How often each instance sweeps; the scheduler reads it as {@code ${heartline.referral.sla.sweep-interval}}. */
        @WithDefault("15s")
        String sweepInterval();

        /** At most this many escalations per sweep, so one sweep never holds the scheduler for long. */
        @WithDefault("500")
        int maxPerSweep();

        /**
         * Upper bound on an escalated or re-routed stage's time to accept, per tier (e.g. {@code HOSPITAL=PT4H}); the
         * stage gets the smaller of this and the referral's routed time, so an urgent referral stays urgent. Tiers not
         * listed use {@code io.heartline.referral.workflow.EscalationWindows#DEFAULT_CAPS}.
         */
        Map<String, Duration> escalationCap();

        /** An accepted stage's time to start (the first session), e.g. 5 school days: a calendar week. */
        @WithDefault("P7D")
        Duration startWithin();

        /** As {@link #startWithin()} for URGENT and EMERGENCY referrals. */
        @WithDefault("PT24H")
        Duration urgentStartWithin();

        /** A stage in progress is to be completed within this (weekly follow-up for 1–3 months). */
        @WithDefault("P90D")
        Duration completeWithin();
    }
}
