package io.heartline.referral.domain;

import java.util.List;


/**
 * What the access policy needs to know about one referral.
 *
 * @param school null for a referral that never had a school (handled by the district)
 * @param hasTeacherStage whether the referral has (or had) a {@code CLASS_TEACHER} stage
 * @param teacherStageAssignee the teacher that stage is assigned to, or null
 * @param currentAssignee the assignee of the current stage, or null
 * @param teacherStageOfferedTo the class teachers that stage was offered to; null for stages opened before the
 *        directory was known (offered to the school's teachers)
 */
public record AccessFacts(String subjectId, String school, String district, Tier currentTier, String currentAssignee,
        boolean hasTeacherStage, String teacherStageAssignee, List<String> teacherStageOfferedTo) {

    public AccessFacts(String subjectId, String school, String district, Tier currentTier, String currentAssignee,
            boolean hasTeacherStage, String teacherStageAssignee) {
        this(subjectId, school, district, currentTier, currentAssignee, hasTeacherStage, teacherStageAssignee, null);
    }

    /** Whether a teacher may take the class-teacher stage: assigned to them, or free and offered to them. */
    public boolean teacherStageOpenTo(String teacherId) {
        if (teacherStageAssignee != null) {
            return teacherStageAssignee.equals(teacherId);
        }
        return teacherStageOfferedTo == null || teacherStageOfferedTo.contains(teacherId);
    }
}
