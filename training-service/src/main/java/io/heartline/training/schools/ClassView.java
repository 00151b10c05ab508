package io.heartline.training.schools;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A class with its active class teachers and the count of its active students. {@code studentIds} only for readers
 * who work with the students (see docs/training-directory-reads.md), and so are its psychology representatives
 * (心理委员); absent otherwise.
 */
public record ClassView(String id, String schoolId, String title, String grade, boolean active,
        List<String> classTeacherIds, long students,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> studentIds,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> psychologyRepresentativeIds) {

    ClassView withStudentIds(List<String> ids, List<String> representatives) {
        return new ClassView(id, schoolId, title, grade, active, classTeacherIds, students, ids, representatives);
    }
}
