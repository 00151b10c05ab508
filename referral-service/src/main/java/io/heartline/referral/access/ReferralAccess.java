package io.heartline.referral.access;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Roles;
import io.heartline.referral.domain.AccessFacts;
import io.heartline.referral.domain.Action;
import io.heartline.referral.domain.Tier;

/**
 * Who sees and who may act on a referral (need-to-know). Pure, so the role matrix is tested as a table.
 * <ul>
 * <li>psychologist: every referral of their school, in full;</li>
 * <li>school-admin: every referral of their school, without sensitive content;</li>
 * <li>teacher: referrals of their school with a {@code CLASS_TEACHER} stage offered to them as the student's class
 * teacher (from the directory) or assigned to them, in the teacher's view only;</li>
 * <li>district-admin: referrals of their district at {@code DISTRICT_CENTRE} or {@code HOSPITAL}, in full.</li>
 * </ul>
 * Acting needs the current tier's role in scope ({@link Tier#role()}); escalating, assigning and cancelling are also
 * open to the stage's supervisors (school-admin for school tiers, psychologists for class-teacher stages). Teachers
 * cannot cancel: a flagged child's referral is never dropped at the first tier; they decline, which re-routes it up.
 * <p>
 * Nobody sees or acts on a referral about themselves, whatever their roles: a psychologist, school-admin or
 * district-admin who is the subject of a staff referral gets {@link View#NONE} (answered as 404, like a referral out
 * of scope) and may not move it. Colleagues handle it; the person learns of it from them, not from the record.
 */
public final class ReferralAccess {

    private ReferralAccess() {
    }

    public static View viewOf(Caller caller, AccessFacts f) {
        if (isAboutThemselves(caller, f)) {
            return View.NONE;
        }
        View view = View.NONE;
        if (caller.hasRole(Roles.PSYCHOLOGIST) && caller.inSchool(f.district(), f.school())) {
            view = view.max(View.FULL);
        }
        if (caller.hasRole(Roles.DISTRICT_ADMIN) && caller.inDistrict(f.district()) && f.currentTier().isDistrictLevel()) {
            view = view.max(View.FULL);
        }
        if (caller.hasRole(Roles.SCHOOL_ADMIN) && caller.inSchool(f.district(), f.school())) {
            view = view.max(View.STANDARD);
        }
        if (caller.hasRole(Roles.TEACHER) && caller.inSchool(f.district(), f.school()) && f.hasTeacherStage()
                && f.teacherStageOpenTo(caller.id())) {
            view = view.max(View.TEACHER);
        }
        return view;
    }

    /** Whether the caller may perform {@code action} on the referral's current stage (legality aside). */
    public static boolean mayAct(Caller caller, AccessFacts f, Action action) {
        if (isAboutThemselves(caller, f)) {
            return false;
        }
        boolean member = isTierMember(caller, f);
        return switch (action) {
            case ACCEPT, START, DECLINE, COMPLETE -> member;
            case ESCALATE, ASSIGN -> member || isSupervisor(caller, f);
            case CANCEL -> (member && f.currentTier() != Tier.CLASS_TEACHER) || isSupervisor(caller, f);
        };
    }

    /** The caller is the person the referral is about. */
    public static boolean isAboutThemselves(Caller caller, AccessFacts f) {
        return caller.id() != null && caller.id().equals(f.subjectId());
    }

    /** Whether the caller holds the current tier's role in the tier's scope (and is not the referral's subject). */
    public static boolean isTierMember(Caller caller, AccessFacts f) {
        Tier tier = f.currentTier();
        if (isAboutThemselves(caller, f) || !caller.hasRole(tier.role()) || !inTierScope(caller, f)) {
            return false;
        }
        // A class-teacher stage belongs to the student's class teachers (to one once assigned); other tiers'
        // colleagues may cover for each other.
        return tier != Tier.CLASS_TEACHER || f.teacherStageOpenTo(caller.id());
    }

    private static boolean isSupervisor(Caller caller, AccessFacts f) {
        Tier tier = f.currentTier();
        if (tier.isDistrictLevel() || !caller.inSchool(f.district(), f.school())) {
            return false;
        }
        return caller.hasRole(Roles.SCHOOL_ADMIN)
                || (tier == Tier.CLASS_TEACHER && caller.hasRole(Roles.PSYCHOLOGIST));
    }

    private static boolean inTierScope(Caller caller, AccessFacts f) {
        return f.currentTier().isDistrictLevel() ? caller.inDistrict(f.district())
                : caller.inSchool(f.district(), f.school());
    }
}
