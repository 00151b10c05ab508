package io.heartline.training.schools;

/** Head counts of a school; people count only while active, each person once whatever roles they hold. */
public record SchoolCounts(long students, long classes, long classTeachers, long psychologyStaff,
        long fullTimePsychologyTeachers) {
}
