package io.heartline.referral.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Trace;
import io.heartline.referral.ReferralConfig;
import io.heartline.referral.access.ReferralAccess;
import io.heartline.referral.access.View;
import io.heartline.referral.directory.DirectoryFacts;
import io.heartline.referral.domain.AccessFacts;
import io.heartline.referral.domain.Action;
import io.heartline.referral.domain.Actor;
import io.heartline.referral.domain.HistoryEntry;
import io.heartline.referral.domain.Outcome;
import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.ReferralStage;
import io.heartline.referral.domain.StageStatus;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.domain.Urgency;
import io.heartline.referral.events.ReferralEvents;
import io.heartline.referral.routing.EscalationWindows;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The transitions of a referral's current stage. Each one locks the referral row, checks scope (404), role (403)
 * and the transition table (409), then records the change in the stage, the history and the outbox in one
 * transaction. Escalating and declining close the stage and open a new PENDING one higher up.
 */
@ApplicationScoped
public class ReferralWorkflow {

    private static final Logger LOG = Logger.getLogger(ReferralWorkflow.class);

    public static final String CODE_SLA_BREACHED = "SLA_BREACHED";
    public static final String CODE_MANUAL = "MANUAL";
    public static final String CODE_DECLINED = "DECLINED";
    public static final String CODE_CANCELLED = "CANCELLED";
    public static final String CODE_ASSIGNED = "ASSIGNED";

    private final ReferralEvents events;
    private final EscalationWindows windows;
    private final DirectoryFacts directory;
    private final ReferralConfig config;
    private final MeterRegistry meters;
    private final Clock clock;

    ReferralWorkflow(ReferralEvents events, EscalationWindows windows, DirectoryFacts directory,
            ReferralConfig config, MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.events = events;
        this.directory = directory;
        this.windows = windows;
        this.meters = meters;
    }

    /** The locked referral, its current stage and what the action will make of it. */
    private record Step(Referral referral, ReferralStage stage, StageStatus from, StageStatus to, Actor actor,
            Instant now) {
    }

    @Transactional
    public Referral accept(UUID id, Caller caller, Trace trace) {
        Step s = begin(id, caller, Action.ACCEPT);
        s.stage.status = s.to;
        s.stage.acceptedAt = s.now;
        s.stage.dueAt = s.now.plus(s.referral.urgency == Urgency.ROUTINE ? config.sla().startWithin()
                : config.sla().urgentStartWithin());
        if (s.stage.assignee == null) {
            s.stage.assignee = caller.id(); // whoever accepts owns the stage until it is reassigned
        }
        finish(s, null, null);
        events.current(ReferralEvents.ACCEPTED, s.referral, null, null, trace);
        return s.referral;
    }

    @Transactional
    public Referral start(UUID id, Caller caller, Trace trace) {
        Step s = begin(id, caller, Action.START);
        s.stage.status = s.to;
        s.stage.dueAt = s.now.plus(config.sla().completeWithin());
        finish(s, null, null);
        events.current(ReferralEvents.STARTED, s.referral, null, null, trace);
        return s.referral;
    }

    @Transactional
    public Referral complete(UUID id, Caller caller, TransitionRequests.Complete body, Trace trace) {
        if (body.outcome() == Outcome.NOT_RESOLVED && (body.reason() == null || body.reason().isBlank())) {
            throw ProblemException.badRequest("An outcome of NOT_RESOLVED needs a reason",
                    List.of(new Problem.FieldError("reason", "required when outcome is NOT_RESOLVED")));
        }
        Step s = begin(id, caller, Action.COMPLETE);
        s.stage.status = s.to;
        s.stage.closedAt = s.now;
        s.referral.outcome = body.outcome();
        finish(s, body.outcome().name(), body.reason());
        events.current(ReferralEvents.COMPLETED, s.referral, null, body.outcome().name(), trace);
        return s.referral;
    }

    @Transactional
    public Referral cancel(UUID id, Caller caller, TransitionRequests.Cancel body, Trace trace) {
        Step s = begin(id, caller, Action.CANCEL);
        String code = body.reasonCode() != null ? body.reasonCode() : CODE_CANCELLED;
        s.stage.status = s.to;
        s.stage.closedAt = s.now;
        finish(s, code, body.reason());
        events.current(ReferralEvents.CANCELLED, s.referral, null, code, trace);
        return s.referral;
    }

    @Transactional
    public Referral assign(UUID id, Caller caller, TransitionRequests.Assign body, Trace trace) {
        Step s = begin(id, caller, Action.ASSIGN);
        if (body.assigneeId().equals(caller.id()) && !ReferralAccess.isTierMember(caller, facts(s.referral))) {
            throw ProblemException.badRequest("You do not hold the role of tier " + s.referral.tier
                    + " (" + s.referral.tier.role() + ")",
                    List.of(new Problem.FieldError("assigneeId", "must hold the tier's role")));
        }
        if (!assigneeHoldsTheTier(s.referral, s.stage, body.assigneeId())) {
            throw ProblemException.conflict("assignee-not-in-role", "ASSIGNEE_NOT_IN_ROLE", "The directory does not list "
                    + body.assigneeId() + " in a role that serves tier " + s.referral.tier + " at this school");
        }
        s.stage.assignee = body.assigneeId();
        finish(s, CODE_ASSIGNED, null);
        events.current(ReferralEvents.ASSIGNED, s.referral, null, CODE_ASSIGNED, trace);
        return s.referral;
    }

    /**
     * A class-teacher stage goes to one of the class teachers it was offered to; a school psychology tier to someone
     * the directory lists with a psychology role at the school. Where the directory knows nothing of the school's
     * staff (or the stage predates it), it cannot say no.
     */
    private boolean assigneeHoldsTheTier(Referral r, ReferralStage stage, String assigneeId) {
        if (r.tier == Tier.CLASS_TEACHER) {
            return stage.offeredTo == null || stage.offeredTo.contains(assigneeId);
        }
        if (r.school == null || !directory.knowsStaffOf(r.district, r.school)) {
            return true;
        }
        return directory.servesTier(r.district, r.school, assigneeId, r.tier);
    }

    @Transactional
    public Referral decline(UUID id, Caller caller, TransitionRequests.Decline body, Trace trace) {
        Step s = begin(id, caller, Action.DECLINE);
        String code = body.reasonCode() != null ? body.reasonCode() : CODE_DECLINED;
        handOn(s, s.stage.tier.afterDecline(), code, body.reason(), CODE_DECLINED, trace);
        return s.referral;
    }

    @Transactional
    public Referral escalate(UUID id, Caller caller, TransitionRequests.Escalate body, Trace trace) {
        Step s = begin(id, caller, Action.ESCALATE);
        Tier current = s.stage.tier;
        Tier target;
        if (body.toTier() != null) {
            if (!body.toTier().isAbove(current)) {
                throw ProblemException.badRequest("toTier must be above the current tier " + current,
                        List.of(new Problem.FieldError("toTier", "must be above " + current)));
            }
            target = body.toTier();
        } else {
            target = current.next().orElseThrow(() -> ProblemException.conflict(
                    "The referral is at the highest tier (" + current + "); there is nowhere to escalate it"));
        }
        handOn(s, target, CODE_MANUAL, body.reason(), CODE_MANUAL, trace);
        return s.referral;
    }

    /**
     * The SLA sweep's escalation of a stage it has locked: to the next tier with {@code SLA_BREACHED}. At the top
     * tier there is nowhere to go: the breach is recorded once (history, metric, error log) for the district centre.
     *
     * @return whether anything changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean escalateOverdue(UUID id) {
        Referral r = Referral.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (r == null || !OVERDUE_STATES.contains(r.status) || r.slaBreached) {
            return false;
        }
        ReferralStage stage = ReferralStage.findById(r.currentStageId);
        Instant now = clock.instant();
        Optional<Tier> next = r.tier.next();
        meters.counter("heartline.referral.sla.breaches", "tier", r.tier.name()).increment();
        if (next.isEmpty()) {
            r.slaBreached = true;
            r.updatedAt = now;
            HistoryEntry.record(stage, Actor.SLA_SWEEPER, now, r.status, CODE_SLA_BREACHED,
                    missed(r.status) + stage.dueAt + "; no higher tier, the district centre must act");
            LOG.errorf("Referral %s: %s stage not accepted by %s and there is no higher tier", r.id, r.tier,
                    stage.dueAt);
            return true;
        }
        Step s = new Step(r, stage, r.status, StageStatus.ESCALATED, Actor.SLA_SWEEPER, now);
        handOn(s, next.get(), CODE_SLA_BREACHED, missed(r.status) + stage.dueAt, CODE_SLA_BREACHED, Trace.NONE);
        return true;
    }

    /** Stages with a due time the sweep enforces: to accept, to start (first session), to complete. */
    static final Set<StageStatus> OVERDUE_STATES = Set.of(StageStatus.PENDING, StageStatus.ACCEPTED,
            StageStatus.IN_PROGRESS);

    private static String missed(StageStatus status) {
        return switch (status) {
            case ACCEPTED -> "Not started by ";
            case IN_PROGRESS -> "Not completed by ";
            default -> "Not accepted by ";
        };
    }

    private Step begin(UUID id, Caller caller, Action action) {
        // Locked for the transaction: a concurrent transition (or the SLA sweep) waits, then sees the new state.
        Referral r = Referral.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            throw ProblemException.notFound("Referral");
        }
        AccessFacts facts = facts(r);
        View view = ReferralAccess.viewOf(caller, facts);
        if (view == View.NONE) {
            throw ProblemException.notFound("Referral");
        }
        if (view == View.TEACHER && r.tier != Tier.CLASS_TEACHER) {
            throw ProblemException.conflict("Your class-teacher stage of this referral is closed");
        }
        if (!ReferralAccess.mayAct(caller, facts, action)) {
            throw ProblemException.forbidden("Your role may not " + action.verb() + " a referral at tier " + r.tier);
        }
        StageStatus to = TransitionTable.next(r.status, action).orElseThrow(() -> ProblemException.conflict(
                "Cannot " + action.verb() + " a referral whose current stage is " + r.status));
        return new Step(r, ReferralStage.findById(r.currentStageId), r.status, to, Actor.of(caller), clock.instant());
    }

    private static AccessFacts facts(Referral r) {
        return r.accessFacts(ReferralStage.teacherStageOf(r.id));
    }

    /** Records a change of the current stage (status and/or assignee) in the history and on the referral. */
    private static void finish(Step s, String reasonCode, String reason) {
        HistoryEntry.record(s.stage, s.actor, s.now, s.from, reasonCode, reason);
        s.referral.sync(s.stage, s.now);
    }

    /**
     * Closes the current stage (ESCALATED, or DECLINED for a decline) and opens a PENDING stage at {@code target}
     * with its own due time. Events: {@code declined} for a decline, then {@code escalated} for the new stage.
     */
    private void handOn(Step s, Tier target, String closeCode, String reason, String rerouteCode, Trace trace) {
        Referral r = s.referral;
        ReferralStage closing = s.stage;
        closing.status = s.to;
        closing.closedAt = s.now;
        HistoryEntry.record(closing, s.actor, s.now, s.from, closeCode, reason);
        ReferralStage next = ReferralStage.open(r.id, closing.seq + 1, target, s.now,
                s.now.plus(windows.windowFor(target, r.acceptWithin())));
        next.persist();
        r.moveTo(next, s.now);
        HistoryEntry.record(next, s.actor, s.now, null, rerouteCode, null);
        if (s.to == StageStatus.DECLINED) {
            events.closedStage(ReferralEvents.DECLINED, r, closing, closeCode, trace);
        }
        events.current(ReferralEvents.ESCALATED, r, closing.tier, rerouteCode, trace);
    }
}
