package io.heartline.referral.referral;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.heartline.platform.web.AuditLog;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.ProblemException;
import io.heartline.referral.access.ReferralAccess;
import io.heartline.referral.access.View;
import io.heartline.referral.domain.HistoryEntry;
import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.ReferralStage;

/** Renders a referral as the caller may see it; every full view (sensitive content) is audited first. */
@ApplicationScoped
public class ReferralViews {

    private final AuditLog audit;
    private final Clock clock;

    ReferralViews(AuditLog audit, Clock clock) {
        this.clock = clock;
        this.audit = audit;
    }

    /** @throws ProblemException 404 when the referral does not exist or is outside the caller's scope */
    @Transactional
    public Object render(Caller caller, UUID id, String endpoint) {
        Referral r = Referral.findById(id);
        if (r == null) {
            throw ProblemException.notFound("Referral");
        }
        return render(caller, r, endpoint);
    }

    /** Reference to a referral the caller changed but may no longer see (e.g. a teacher handing it to a colleague). */
    public record OutOfView(UUID id, String detail) {
    }

    /** After a change: the caller's view, or {@link OutOfView} rather than a 404 that would undo the change. */
    @Transactional
    public Object renderAfterChange(Caller caller, Referral r, String endpoint) {
        if (ReferralAccess.viewOf(caller, r.accessFacts(ReferralStage.teacherStageOf(r.id))) == View.NONE) {
            return new OutOfView(r.id, "Done; this referral is no longer in your view");
        }
        return render(caller, r, endpoint);
    }

    @Transactional
    public Object render(Caller caller, Referral r, String endpoint) {
        ReferralStage teacherStage = ReferralStage.teacherStageOf(r.id);
        View view = ReferralAccess.viewOf(caller, r.accessFacts(teacherStage));
        return switch (view) {
            case NONE -> throw ProblemException.notFound("Referral");
            case TEACHER -> TeacherView.of(r, teacherStage, clock.instant());
            case STANDARD -> ReferralDetail.of(r, ReferralStage.of(r.id), HistoryEntry.of(r.id), false, clock.instant());
            case FULL -> {
                audit.recordReads(caller, r.school, endpoint, List.of(new AuditLog.Target("referral",
                        r.id.toString(), r.subjectId)));
                yield ReferralDetail.of(r, ReferralStage.of(r.id), HistoryEntry.of(r.id), true, clock.instant());
            }
        };
    }
}
