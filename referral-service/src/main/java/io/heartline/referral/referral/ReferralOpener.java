package io.heartline.referral.referral;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Trace;
import io.heartline.referral.directory.DirectoryFacts.StudentClass;
import io.heartline.referral.directory.DirectoryFacts;
import io.heartline.referral.domain.Actor;
import io.heartline.referral.domain.HistoryEntry;
import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.ReferralStage;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Tier;
import io.heartline.referral.events.ReferralEvents;
import io.heartline.referral.routing.Route;
import io.heartline.referral.routing.RoutingRules;
import io.heartline.referral.routing.Staffing;
import io.micrometer.core.instrument.MeterRegistry;

/** Opens referrals: routes them, records the first stage and its history, and writes the created event. */
@ApplicationScoped
public class ReferralOpener {

    public static final String CODE_MANUAL = "MANUAL";
    public static final String CODE_RISK_FLAGGED = "RISK_FLAGGED";

    private final RoutingRules routing;
    private final DirectoryFacts directory;
    private final ReferralEvents events;
    private final MeterRegistry meters;
    private final Clock clock;

    ReferralOpener(RoutingRules routing, DirectoryFacts directory, ReferralEvents events, MeterRegistry meters,
            Clock clock) {
        this.clock = clock;
        this.routing = routing;
        this.directory = directory;
        this.events = events;
        this.meters = meters;
    }

    @Transactional
    public Referral open(NewReferral n, Actor actor, Trace trace) {
        Optional<StudentClass> studentClass = n.subjectType() == SubjectType.STUDENT && n.school() != null
                ? directory.studentClass(n.district(), n.subjectId()) : Optional.empty();
        Route route = routing.route(n.routingFacts(), n.school(), n.district(), staffing(n, studentClass));
        Tier tier = route.tier();
        Duration acceptWithin = route.acceptWithin();
        Instant now = clock.instant();
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
        if (tier == Tier.CLASS_TEACHER) {
            // Offered to the student's class teachers only, never to every teacher of the school.
            stage.offeredTo = studentClass.map(StudentClass::teacherIds).orElse(List.of());
        }
        r.moveTo(stage, now);
        r.persist();
        stage.persist();
        String code = n.screeningId() != null ? CODE_RISK_FLAGGED : CODE_MANUAL;
        HistoryEntry.record(stage, actor, now, null, code, n.reason());
        events.current(ReferralEvents.CREATED, r, null, code, trace);
        meters.counter("heartline.referral.created", "source", r.source.name(), "tier", r.tier.name()).increment();
        return r;
    }

    /**
     * Tiers nobody can take for this referral: the class teacher when the directory names none for the student (or
     * does not know the student), the school psychologist when the directory knows the school's staff and none holds
     * a psychology role.
     */
    private Staffing staffing(NewReferral n, Optional<StudentClass> studentClass) {
        Set<Tier> unstaffed = EnumSet.noneOf(Tier.class);
        if (studentClass.map(c -> c.teacherIds().isEmpty()).orElse(true)) {
            unstaffed.add(Tier.CLASS_TEACHER);
        }
        if (n.school() != null && directory.knowsStaffOf(n.district(), n.school())
                && !directory.hasPsychologyStaff(n.district(), n.school())) {
            unstaffed.add(Tier.SCHOOL_PSYCHOLOGIST);
        }
        return new Staffing(unstaffed);
    }
}
