package io.heartline.referral.referral;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.heartline.platform.events.Ids;
import io.heartline.referral.Time;
import io.heartline.referral.events.ReferralEvents;
import io.heartline.platform.web.Trace;
import io.heartline.referral.routing.Route;
import io.heartline.referral.routing.RoutingRules;
import io.heartline.referral.routing.Tier;
import io.heartline.referral.workflow.EscalationWindows;
import io.micrometer.core.instrument.MeterRegistry;

/** Opens referrals: routes them, records the first stage and its history, and writes the created event. */
@ApplicationScoped
public class ReferralOpener {

    public static final String CODE_MANUAL = "MANUAL";
    public static final String CODE_RISK_FLAGGED = "RISK_FLAGGED";

    private final RoutingRules routing;
    private final EscalationWindows windows;
    private final ReferralEvents events;
    private final MeterRegistry meters;

    ReferralOpener(RoutingRules routing, EscalationWindows windows, ReferralEvents events, MeterRegistry meters) {
        this.routing = routing;
        this.windows = windows;
        this.events = events;
        this.meters = meters;
    }

    @Transactional
    public Referral open(NewReferral n, Actor actor, Trace trace) {
        Route route = routing.route(n.routingFacts(), n.school(), n.district());
        Tier tier = route.tier();
        Duration acceptWithin = route.acceptWithin();
        if (n.school() == null) {
            // No school staff can see a referral without a school: the district centre takes it.
            tier = tier.atLeast(Tier.DISTRICT_CENTRE);
            acceptWithin = windows.windowFor(tier, acceptWithin);
        }
        Instant now = Time.now();
        Referral r = new Referral();
        r.id = Ids.next();
        r.subjectId = n.subjectId();
        r.subjectType = n.subjectType();
        r.school = n.school();
        r.district = n.district();
        r.source = n.source();
        r.urgency = n.urgency();
        r.riskLevel = n.riskLevel();
        r.flags = n.flags();
        r.screeningId = n.screeningId();
        r.reason = n.reason();
        r.routedBy = route.matchedBy();
        r.acceptWithinSeconds = Math.max(1, acceptWithin.toSeconds());
        r.createdBy = actor.id();
        r.createdByRole = actor.role();
        r.createdAt = now;
        ReferralStage stage = ReferralStage.open(r.id, 1, tier, now, now.plus(acceptWithin));
        r.moveTo(stage, now);
        r.persist();
        stage.persist();
        String code = n.screeningId() != null ? CODE_RISK_FLAGGED : CODE_MANUAL;
        HistoryEntry.record(stage, actor, now, null, code, n.reason());
        events.current(ReferralEvents.CREATED, r, null, code, trace);
        meters.counter("heartline.referral.created", "source", r.source.name(), "tier", r.tier.name()).increment();
        return r;
    }
}
