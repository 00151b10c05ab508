package io.heartline.referral.referral;

import java.time.Instant;
import java.util.UUID;

import io.heartline.referral.domain.Referral;
import io.heartline.referral.domain.ReferralStage;
import io.heartline.referral.domain.StageStatus;
import io.heartline.referral.domain.Tier;

/**
 * What a class teacher needs to know, and nothing more: who, what to do, by when. A separate type so that risk
 * levels, flags, screening ids, reasons, notes and the later tiers cannot leak into it by accident.
 */
public record TeacherView(UUID id, String subjectId, Tier tier, StageStatus status, Instant dueAt, boolean overdue,
        String assignee, String task, Instant createdAt) {

    public static TeacherView of(Referral r, ReferralStage teacherStage, Instant now) {
        return new TeacherView(r.id, r.subjectId, teacherStage.tier, teacherStage.status, teacherStage.dueAt,
                teacherStage.status == StageStatus.PENDING && teacherStage.dueAt.isBefore(now),
                teacherStage.assignee, task(teacherStage.status), r.createdAt);
    }

    static String task(StageStatus status) {
        return switch (status) {
            case PENDING -> "Accept this referral by the due time, then check in with the student.";
            case ACCEPTED -> "Check in with the student; mark the referral started when you do.";
            case IN_PROGRESS -> "Complete the referral with its outcome once the check-in is done.";
            case ESCALATED, DECLINED -> "Nothing more to do: the referral has been handed on.";
            case COMPLETED, CANCELLED -> "Nothing to do: the referral is closed.";
        };
    }
}
