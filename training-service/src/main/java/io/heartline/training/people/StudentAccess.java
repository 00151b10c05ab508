package io.heartline.training.people;

import java.util.List;
import java.util.Optional;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Roles;
import io.heartline.training.directory.Person;

/** Who reads a student's record, per docs/training-directory-reads.md; the most capable capacity wins. */
final class StudentAccess {

    private StudentAccess() {
    }

    /**
     * @param classTeacherIds the active class teachers of the student's class (empty when the student has none)
     * @return empty when the student is outside the caller's scope
     */
    static Optional<StudentReader> readerOf(Caller caller, Person student, List<String> classTeacherIds) {
        boolean sameSchool = caller.inSchool(student.schoolId());
        if (sameSchool && caller.hasRole(Roles.PSYCHOLOGIST)) {
            return Optional.of(StudentReader.PSYCHOLOGIST);
        }
        if (sameSchool && caller.hasRole(Roles.TEACHER) && classTeacherIds.contains(caller.id())) {
            return Optional.of(StudentReader.CLASS_TEACHER);
        }
        if (caller.hasRole(Roles.STUDENT) && caller.id().equals(student.personId())) {
            return Optional.of(StudentReader.SELF);
        }
        return Optional.empty();
    }
}
