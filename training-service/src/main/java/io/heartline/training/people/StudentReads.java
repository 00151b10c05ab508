package io.heartline.training.people;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.heartline.platform.web.AuditLog;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.ProblemException;
import io.heartline.training.directory.Person;

/** Student reads with their access rules and the audit of guardians' contacts. */
@ApplicationScoped
public class StudentReads {

    static final String GUARDIANS_ENDPOINT = "GET /api/v1/students/{id}/guardians";
    static final String GUARDIAN_CONTACT = "guardian-contact";

    private final StudentQueries queries;
    private final AuditLog auditLog;

    StudentReads(StudentQueries queries, AuditLog auditLog) {
        this.queries = queries;
        this.auditLog = auditLog;
    }

    public StudentView student(Caller caller, String id) {
        Person s = inScope(caller, id).student;
        return new StudentView(s.personId(), s.dateOfBirth(), s.classId(), s.schoolId(), s.active(),
                Person.guardianConsentRequiredUntil(s.dateOfBirth()));
    }

    /** One transaction: contacts are returned only if their audit rows are written. */
    @Transactional
    public Page<GuardianView> guardians(Caller caller, String id) {
        Found found = inScope(caller, id);
        Person student = found.student;
        List<GuardianView> guardians = queries.guardians(caller.district(), student.personId());
        // Few per student: one page, in the list shape of every other list.
        return new Page<>(switch (found.reader) {
            case PSYCHOLOGIST -> {
                auditLog.recordReads(caller, student.schoolId(), GUARDIANS_ENDPOINT, guardians.stream()
                        .map(g -> new AuditLog.Target(GUARDIAN_CONTACT, g.id(), student.personId())).toList());
                yield guardians;
            }
            case CLASS_TEACHER -> guardians.stream().map(GuardianView::withoutContact).toList();
            case SELF -> throw ProblemException.forbidden("Students do not read their guardians' records here");
        }, null);
    }

    private record Found(Person student, StudentReader reader) {
    }

    /** The student and the caller's capacity, or 404 when the student is outside the caller's scope. */
    private Found inScope(Caller caller, String id) {
        StudentQueries.FoundStudent f = queries.student(caller.requireDistrict(), id)
                .orElseThrow(() -> ProblemException.notFound("Student"));
        StudentReader reader = StudentAccess.readerOf(caller, f.student(), f.classTeacherIds())
                .orElseThrow(() -> ProblemException.notFound("Student"));
        return new Found(f.student(), reader);
    }
}
