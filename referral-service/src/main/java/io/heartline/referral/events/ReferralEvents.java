package io.heartline.referral.events;

import io.heartline.platform.web.Trace;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventTypes;
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

    public static final String CREATED = EventTypes.Referral.CREATED;
    public static final String ACCEPTED = EventTypes.Referral.ACCEPTED;
    public static final String DECLINED = EventTypes.Referral.DECLINED;
    public static final String ESCALATED = EventTypes.Referral.ESCALATED;
    public static final String COMPLETED = EventTypes.Referral.COMPLETED;
    public static final String CANCELLED = EventTypes.Referral.CANCELLED;
    public static final String STARTED = EventTypes.Referral.STARTED;
    public static final String ASSIGNED = EventTypes.Referral.ASSIGNED;

    private final Outbox outbox;

    ReferralEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The referral's current stage as it now stands (created, accepted, escalated to it, completed, cancelled). */
    public void current(String type, Referral r, Tier previousTier, String reasonCode, Trace trace) {
        boolean open = r.status == StageStatus.PENDING || r.status == StageStatus.ACCEPTED
                || r.status == StageStatus.IN_PROGRESS;
        append(type, r, new ReferralData(r.id, r.subjectId, r.subjectType, r.tier, previousTier, r.status, reasonCode,
                r.urgency, r.source, r.screeningId, open ? r.dueAt : null, r.outcome,
                ASSIGNED.equals(type) ? r.assignee : null), trace);
    }

    /** A stage that was just closed without becoming the current one (a decline, before the re-route). */
    public void closedStage(String type, Referral r, ReferralStage stage, String reasonCode, Trace trace) {
        append(type, r, new ReferralData(r.id, r.subjectId, r.subjectType, stage.tier, null, stage.status, reasonCode,
                r.urgency, r.source, r.screeningId, null, null, null), trace);
    }

    private void append(String type, Referral r, ReferralData data, Trace trace) {
        outbox.append(EventBuilder.from("referral").type(type)
                .subject(r.subjectId).school(r.school).district(r.district)
                .traceparent(trace.traceparent()).requestId(trace.requestId())
                .data(data).build());
    }
}
