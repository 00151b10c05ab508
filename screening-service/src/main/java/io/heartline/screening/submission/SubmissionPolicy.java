package io.heartline.screening.submission;

import java.util.List;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.screening.instrument.Audience;
import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.SubjectType;

/**
 * Who may submit which instrument about whom (plain logic, tested without Quarkus):
 * <ul>
 * <li>students, staff and teachers about themselves (subject = token {@code sub}); the subject type follows the role;</li>
 * <li>psychologists about anyone: the subject type comes from the body, else from the instrument's audience;</li>
 * <li>teachers about a student, with an {@code OBSERVER} instrument only.</li>
 * </ul>
 * Anything else is a 403. The result always belongs to the caller's school.
 */
public final class SubmissionPolicy {

    private SubmissionPolicy() {
    }

    public static Subject decide(Caller caller, Instrument instrument, String requestedSubjectId,
            SubjectType requestedType) {
        boolean self = requestedSubjectId == null || requestedSubjectId.equals(caller.id());
        boolean observerForm = instrument.definition().audience() == Audience.OBSERVER;
        Subject subject;
        if (self) {
            if (observerForm) {
                throw ProblemException.forbidden(instrument.code() + " is an observer form, filled in about a student");
            }
            SubjectType type = caller.hasRole(Roles.STUDENT) ? SubjectType.STUDENT : SubjectType.STAFF;
            if (requestedType != null && requestedType != type) {
                throw invalidType("is " + type + " for a submission about yourself");
            }
            if (!SubjectIds.valid(caller.id())) {
                throw ProblemException.badRequest("Your account id cannot be used as a subject id");
            }
            subject = new Subject(caller.id(), type, Subject.Mode.SELF);
        } else if (caller.hasRole(Roles.PSYCHOLOGIST)) {
            SubjectType type = requestedType != null ? requestedType : defaultType(instrument);
            subject = new Subject(requestedSubjectId, type, Subject.Mode.ON_BEHALF);
        } else if (caller.hasRole(Roles.TEACHER) && observerForm) {
            if (requestedType != null && requestedType != SubjectType.STUDENT) {
                throw invalidType("must be STUDENT for an observer form");
            }
            subject = new Subject(requestedSubjectId, SubjectType.STUDENT, Subject.Mode.OBSERVER);
        } else if (caller.hasRole(Roles.TEACHER)) {
            throw ProblemException.forbidden("Teachers submit about others only with an observer form");
        } else {
            throw ProblemException.forbidden("You may submit screenings only about yourself");
        }
        if (!instrument.allowsSubjectType(subject.type())) {
            if (subject.mode() == Subject.Mode.SELF) {
                throw ProblemException.forbidden(instrument.code() + " is not an instrument for " + subject.type());
            }
            throw invalidType(instrument.code() + " is for " + instrument.definition().subjectTypes());
        }
        return subject;
    }

    private static SubjectType defaultType(Instrument instrument) {
        return switch (instrument.definition().audience()) {
            case STAFF -> SubjectType.STAFF;
            case STUDENT, OBSERVER -> SubjectType.STUDENT;
        };
    }

    private static ProblemException invalidType(String message) {
        return ProblemException.badRequest("subjectType " + message,
                List.of(new Problem.FieldError("subjectType", message)));
    }
}
