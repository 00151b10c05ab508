package io.heartline.referral.access;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Roles;
import io.heartline.referral.routing.Tier;
import io.heartline.referral.workflow.Action;

/**
 * Who sees and who may act on a referral (need-to-know). Pure, so the role matrix is tested as a table.
 * <ul>
 * <li>psychologist: every referral of their school, in full;</li>
 * <li>school-admin: every referral of their school, without sensitive content;</li>
 * <li>teacher: referrals of their school with a {@code CLASS_TEACHER} stage that is unassigned or assigned to them,
 * in the teacher's view only;</li>
 * <li>district-admin: referrals of their district at {@code DISTRICT_CENTRE} or {@code HOSPITAL}, in full.</li>
 * </ul>
 * Acting needs the current tier's role in scope ({@link Tier#role()}); escalating, assigning and cancelling are also
 * open to the stage's supervisors (school-admin for school tiers, psychologists for class-teacher stages). Teachers
 * cannot cancel: a flagged child's referral is never dropped at the first tier; they decline, which re-routes it up.
 */
public final class ReferralAccess {

    private ReferralAccess() {
    }

    public static View viewOf(Caller caller, AccessFacts f) {
        View view = View.NONE;
        if (caller.hasRole(Roles.PSYCHOLOGIST) && caller.inSchool(f.school())) {
            view = view.max(View.FULL);
        }
        if (caller.hasRole(Roles.DISTRICT_ADMIN) && caller.inDistrict(f.district()) && f.currentTier().isDistrictLevel()) {
            view = view.max(View.FULL);
        }
        if (caller.hasRole(Roles.SCHOOL_ADMIN) && caller.inSchool(f.school())) {
            view = view.max(View.STANDARD);
        }
        if (caller.hasRole(Roles.TEACHER) && caller.inSchool(f.school()) && f.hasTeacherStage()
                && assignedToOrFree(caller, f.teacherStageAssignee()) && !caller.id().equals(f.subjectId())) {
            view = view.max(View.TEACHER);
        }
        return view;
    }

    /** Whether the caller may perform {@code action} on the referral's current stage (legality aside). */
    public static boolean mayAct(Caller caller, AccessFacts f, Action action) {
        boolean member = isTierMember(caller, f);
        return switch (action) {
            case ACCEPT, START, DECLINE, COMPLETE -> member;
            case ESCALATE, ASSIGN -> member || isSupervisor(caller, f);
            case CANCEL -> (member && f.currentTier() != Tier.CLASS_TEACHER) || isSupervisor(caller, f);
        };
    }

    /** Whether the caller holds the current tier's role in the tier's scope. */
    public static boolean isTierMember(Caller caller, AccessFacts f) {
        Tier tier = f.currentTier();
        if (!caller.hasRole(tier.role()) || !inTierScope(caller, f)) {
            return false;
        }
        // A class-teacher stage assigned to one teacher is theirs alone; other tiers' colleagues may cover.
        return tier != Tier.CLASS_TEACHER || assignedToOrFree(caller, f.currentAssignee());
    }

    private static boolean isSupervisor(Caller caller, AccessFacts f) {
        Tier tier = f.currentTier();
        if (tier.isDistrictLevel() || !caller.inSchool(f.school())) {
            return false;
        }
        return caller.hasRole(Roles.SCHOOL_ADMIN)
                || (tier == Tier.CLASS_TEACHER && caller.hasRole(Roles.PSYCHOLOGIST));
    }

    private static boolean inTierScope(Caller caller, AccessFacts f) {
        return f.currentTier().isDistrictLevel() ? caller.inDistrict(f.district()) : caller.inSchool(f.school());
    }

    private static boolean assignedToOrFree(Caller caller, String assignee) {
        return assignee == null || assignee.equals(caller.id());
    }
}
