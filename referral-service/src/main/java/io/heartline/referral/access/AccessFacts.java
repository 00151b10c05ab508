package io.heartline.referral.access;

import io.heartline.referral.routing.Tier;

/**
 * What the access policy needs to know about one referral.
 *
 * @param school null for a referral that never had a school (handled by the district)
 * @param hasTeacherStage whether the referral has (or had) a {@code CLASS_TEACHER} stage
 * @param teacherStageAssignee the teacher that stage is assigned to, or null
 * @param currentAssignee the assignee of the current stage, or null
 */
public record AccessFacts(String subjectId, String school, String district, Tier currentTier, String currentAssignee,
        boolean hasTeacherStage, String teacherStageAssignee) {
}
