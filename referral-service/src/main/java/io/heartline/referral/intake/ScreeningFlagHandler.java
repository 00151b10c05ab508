package io.heartline.referral.intake;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.MalformedEventException;
import io.heartline.platform.events.Topics;
import io.heartline.platform.messaging.EventHandler;
import io.heartline.platform.web.Trace;
import io.heartline.referral.domain.Actor;
import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.RiskLevel;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.Urgency;
import io.heartline.referral.referral.NewReferral;
import io.heartline.referral.referral.ReferralOpener;

/**
 * Opens exactly one referral per flagged screening. The platform inbox drops redeliveries of one event id; a screening
 * that already has a referral (the same fact re-published under a new id) is skipped here, and the unique
 * {@code screening_id} column stops a concurrent duplicate (its transaction fails, the retry finds the referral).
 * The referral's events carry the traceparent and X-Request-Id of the screening that caused them.
 */
@ApplicationScoped
public class ScreeningFlagHandler implements EventHandler {

    public static final String CONSUMER = "screening-flags";
    public static final String RISK_FLAGGED = EventTypes.Screening.RISK_FLAGGED;
    public static final String REVIEWED = EventTypes.Screening.REVIEWED;

    private static final Logger LOG = Logger.getLogger(ScreeningFlagHandler.class);

    private final ReferralOpener opener;

    ScreeningFlagHandler(ReferralOpener opener) {
        this.opener = opener;
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.SCREENING);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(RISK_FLAGGED, REVIEWED);
    }

    @Override
    public void handle(IncomingEvent event) {
        if (REVIEWED.equals(event.type())) {
            reviewed(event);
            return;
        }
        RiskFlagged flag = event.dataAs(RiskFlagged.class);
        if (!flag.subjectId().equals(event.subject())) {
            throw new MalformedEventException("subject " + event.subject() + " differs from data.subjectId");
        }
        if (event.school() == null && event.district() == null) {
            // Nobody could be asked to act on it: park it on the DLQ for the operators rather than guess.
            throw new MalformedEventException("risk-flagged event " + event.id() + " names neither school nor district");
        }
        Referral existing = Referral.find("screeningId", flag.screeningId()).firstResult();
        if (existing != null) {
            LOG.infof("Screening %s already has referral %s; event %s changes nothing", flag.screeningId(),
                    existing.id, event.id());
            return;
        }
        Referral r = opener.open(new NewReferral(flag.subjectId(), flag.subjectType(), event.school(),
                event.district(), Source.SCREENING, Urgency.forRisk(flag.riskLevel()), flag.riskLevel(),
                flag.flags() == null ? List.of() : flag.flags(), flag.screeningId(), null),
                Actor.SCREENING_INTAKE, new Trace(event.traceparent(), event.requestId()));
        LOG.debugf("Screening %s (%s) opened referral %s at %s", flag.screeningId(), flag.riskLevel(), r.id, r.tier);
    }

    /**
     * A psychologist raised a result's level: it opens a referral at the raised level if the screening has none yet
     * (a result below MODERATE was never flagged). A lowered or confirmed level never withdraws a referral made.
     */
    private void reviewed(IncomingEvent event) {
        ScreeningReviewed review = event.dataAs(ScreeningReviewed.class);
        if (!"RAISE".equals(review.decision()) || review.riskLevel() == RiskLevel.NONE) {
            return;
        }
        if (Referral.find("screeningId", review.screeningId()).firstResult() != null) {
            return;
        }
        if (event.school() == null && event.district() == null) {
            throw new MalformedEventException("reviewed event " + event.id() + " names neither school nor district");
        }
        opener.open(new NewReferral(review.subjectId(), review.subjectType(), event.school(), event.district(),
                Source.SCREENING, Urgency.forRisk(review.riskLevel()), review.riskLevel(),
                List.of(review.reasonCode()), review.screeningId(), null), Actor.SCREENING_INTAKE,
                new Trace(event.traceparent(), event.requestId()));
    }
}
