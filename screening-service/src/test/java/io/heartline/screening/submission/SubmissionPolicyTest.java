package io.heartline.screening.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.heartline.platform.web.Caller;
import io.heartline.platform.web.ProblemException;
import io.heartline.screening.instrument.SubjectType;
import io.heartline.screening.support.Definitions;

/** Who may submit which instrument about whom, without HTTP. */
class SubmissionPolicyTest {

    private static Caller caller(String id, String... roles) {
        return new Caller(id, Set.of(roles), "school-1", "district-1", id);
    }

    private static int refusal(Runnable r) {
        return assertThrows(ProblemException.class, r::run).problem().status();
    }

    @Test
    void selfSubmissionsTakeTheTypeOfTheRole() {
        assertEquals(new Subject("s1", SubjectType.STUDENT, Subject.Mode.SELF),
                SubmissionPolicy.decide(caller("s1", "student"), Definitions.get("PHQ-A"), null, null));
        assertEquals(new Subject("t1", SubjectType.STAFF, Subject.Mode.SELF),
                SubmissionPolicy.decide(caller("t1", "teacher"), Definitions.get("PHQ-9"), "t1", null));
        assertEquals(SubjectType.STAFF,
                SubmissionPolicy.decide(caller("p1", "psychologist"), Definitions.get("WHO-5"), null, null).type());
    }

    @Test
    void psychologistsTakeTheBodysTypeOrTheAudience() {
        Caller psy = caller("p1", "psychologist");
        assertEquals(new Subject("x", SubjectType.STUDENT, Subject.Mode.ON_BEHALF),
                SubmissionPolicy.decide(psy, Definitions.get("PHQ-9"), "x", null));
        assertEquals(SubjectType.STAFF, SubmissionPolicy.decide(psy, Definitions.get("K10"), "x", null).type());
        assertEquals(SubjectType.STAFF,
                SubmissionPolicy.decide(psy, Definitions.get("PHQ-9"), "x", SubjectType.STAFF).type());
        assertEquals(SubjectType.STUDENT, SubmissionPolicy.decide(psy, Definitions.get("TEACHER-OBS"), "x", null).type());
        assertEquals(400, refusal(() -> SubmissionPolicy.decide(psy, Definitions.get("STAFF-MONTHLY"), "x",
                SubjectType.STUDENT)));
    }

    @Test
    void teachersUseObserverFormsAboutStudentsOnly() {
        Caller teacher = caller("t1", "teacher");
        assertEquals(new Subject("s9", SubjectType.STUDENT, Subject.Mode.OBSERVER),
                SubmissionPolicy.decide(teacher, Definitions.get("TEACHER-OBS"), "s9", null));
        assertEquals(403, refusal(() -> SubmissionPolicy.decide(teacher, Definitions.get("PHQ-A"), "s9", null)));
        assertEquals(403, refusal(() -> SubmissionPolicy.decide(teacher, Definitions.get("TEACHER-OBS"), null, null)));
        assertEquals(400, refusal(() -> SubmissionPolicy.decide(teacher, Definitions.get("TEACHER-OBS"), "s9",
                SubjectType.STAFF)));
    }

    @Test
    void everyoneElseOnlyAboutThemselves() {
        assertEquals(403, refusal(() -> SubmissionPolicy.decide(caller("s1", "student"), Definitions.get("PHQ-A"), "s2",
                null)));
        assertEquals(403, refusal(() -> SubmissionPolicy.decide(caller("a1", "staff"), Definitions.get("WHO-5"), "a2",
                null)));
        assertEquals(403, refusal(() -> SubmissionPolicy.decide(caller("s1", "student"),
                Definitions.get("STAFF-MONTHLY"), null, null)));
        assertEquals(400, refusal(() -> SubmissionPolicy.decide(caller("s1", "student"), Definitions.get("GAD-7"), null,
                SubjectType.STAFF)));
    }
}
