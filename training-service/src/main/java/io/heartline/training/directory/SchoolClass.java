package io.heartline.training.directory;

/** A class (班级) of a school; {@code grade} as the source writes it (e.g. {@code 07}). */
public record SchoolClass(String district, String classId, String schoolId, String title, String grade,
        String classType, boolean active) {
}
