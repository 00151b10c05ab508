package io.heartline.referral.events;

import io.heartline.platform.web.Trace;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.messaging.Outbox;
import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.ReferralStage;
import io.heartline.referral.domain.StageStatus;
import io.heartline.referral.domain.Tier;

/**
 * Writes the referral lifecycle events to the outbox, in the transaction of the change they report. Keyed by the
 * subject, so one person's events stay in order.
 */
@ApplicationScoped
public class ReferralEvents {

    public static final String CREATED = "heartline.referral.created.v1";
    public static final String ACCEPTED = "heartline.referral.accepted.v1";
    public static final String DECLINED = "heartline.referral.declined.v1";
    public static final String ESCALATED = "heartline.referral.escalated.v1";
    public static final String COMPLETED = "heartline.referral.completed.v1";
    public static final String CANCELLED = "heartline.referral.cancelled.v1";

    private final Outbox outbox;

    ReferralEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The referral's current stage as it now stands (created, accepted, escalated to it, completed, cancelled). */
    public void current(String type, Referral r, Tier previousTier, String reasonCode, Trace trace) {
        boolean pending = r.status == StageStatus.PENDING;
        append(type, r, new ReferralData(r.id, r.subjectId, r.subjectType, r.tier, previousTier, r.status, reasonCode,
                r.urgency, r.source, r.screeningId, pending ? r.dueAt : null, r.outcome), trace);
    }

    /** A stage that was just closed without becoming the current one (a decline, before the re-route). */
    public void closedStage(String type, Referral r, ReferralStage stage, String reasonCode, Trace trace) {
        append(type, r, new ReferralData(r.id, r.subjectId, r.subjectType, stage.tier, null, stage.status, reasonCode,
                r.urgency, r.source, r.screeningId, null, null), trace);
    }

    private void append(String type, Referral r, ReferralData data, Trace trace) {
        outbox.append(EventBuilder.from("referral").type(type)
                .subject(r.subjectId).school(r.school).district(r.district)
                .traceparent(trace.traceparent()).requestId(trace.requestId())
                .data(data).build());
    }
}
