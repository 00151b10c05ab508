package io.heartline.training.compliance;

/**
 * At least one full-time psychology teacher per school and one per 1000 students; a school under 1000 students counts
 * as 1000: required = max(1, ⌈students / 1000⌉).
 */
public final class StaffingRule {

    private StaffingRule() {
    }

    public static int requiredFullTimePsychologyTeachers(long students) {
        long counted = Math.max(students, 1000);
        return (int) ((counted + 999) / 1000);
    }

    public static boolean met(long students, int fullTimePsychologyTeachers) {
        return fullTimePsychologyTeachers >= requiredFullTimePsychologyTeachers(students);
    }
}
