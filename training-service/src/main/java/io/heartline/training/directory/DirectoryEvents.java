package io.heartline.training.directory;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.web.Trace;

/**
 * The directory's events on {@code heartline.training}: ids, role and class codes, school and district, and for
 * students the last day a guardian's consent is needed. Never names, birth dates or contacts (the schemas refuse them).
 */
public final class DirectoryEvents {

    private final String district;
    private final Trace trace;

    public DirectoryEvents(String district, Trace trace) {
        this.district = district;
        this.trace = trace;
    }

    public OutgoingEvent activated(Person p, SchoolClass cls) {
        Map<String, Object> data = person(p);
        if (p.kind() == PersonKind.STAFF) {
            data.put("roles", p.roles());
        }
        if (p.kind() == PersonKind.STUDENT) {
            data.put("classId", p.classId());
            data.put("grade", cls == null ? null : cls.grade());
            data.put("guardianConsentRequiredUntil", consentUntil(p));
        }
        return event(Training.PERSON_ACTIVATED, p.personId(), p.schoolId(), data);
    }

    public OutgoingEvent rolesChanged(Person p, List<RoleAssignment> previous) {
        Map<String, Object> data = person(p);
        data.put("roles", p.roles());
        data.put("previousRoles", previous);
        return event(Training.PERSON_ROLES_CHANGED, p.personId(), p.schoolId(), data);
    }

    public OutgoingEvent deactivated(Person p, String reasonCode) {
        Map<String, Object> data = person(p);
        data.put("reasonCode", reasonCode);
        return event(Training.PERSON_DEACTIVATED, p.personId(), p.schoolId(), data);
    }

    public OutgoingEvent enrolled(Person student, SchoolClass cls) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("studentId", student.personId());
        data.put("district", district);
        data.put("school", cls.schoolId());
        data.put("classId", cls.classId());
        data.put("grade", cls.grade());
        data.put("guardianConsentRequiredUntil", consentUntil(student));
        return event(Training.STUDENT_ENROLLED, student.personId(), cls.schoolId(), data);
    }

    public OutgoingEvent moved(Person student, SchoolClass cls, String previousClassId, String previousSchool) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("studentId", student.personId());
        data.put("district", district);
        data.put("school", cls.schoolId());
        data.put("classId", cls.classId());
        data.put("previousClassId", previousClassId);
        data.put("previousSchool", previousSchool);
        data.put("grade", cls.grade());
        data.put("guardianConsentRequiredUntil", consentUntil(student));
        return event(Training.STUDENT_MOVED, student.personId(), cls.schoolId(), data);
    }

    public OutgoingEvent left(Person student, String previousClassId, String previousSchool, String reasonCode) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("studentId", student.personId());
        data.put("district", district);
        data.put("school", previousSchool);
        data.put("previousClassId", previousClassId);
        data.put("reasonCode", reasonCode);
        return event(Training.STUDENT_LEFT, student.personId(), previousSchool, data);
    }

    public OutgoingEvent classTeachers(SchoolClass cls, List<String> teacherIds) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("classId", cls.classId());
        data.put("district", district);
        data.put("school", cls.schoolId());
        data.put("grade", cls.grade());
        data.put("teacherIds", teacherIds);
        return event(Training.CLASS_TEACHER_ASSIGNED, cls.classId(), cls.schoolId(), data);
    }

    public OutgoingEvent guardianLinked(String studentId, String guardianId, String relationship, String school) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("studentId", studentId);
        data.put("guardianId", guardianId);
        data.put("district", district);
        data.put("school", school);
        data.put("relationship", relationship);
        return event(Training.GUARDIAN_LINKED, studentId, school, data);
    }

    private Map<String, Object> person(Person p) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("personId", p.personId());
        data.put("personType", p.kind().name());
        data.put("district", district);
        data.put("school", p.schoolId());
        return data;
    }

    private static LocalDate consentUntil(Person p) {
        return Person.guardianConsentRequiredUntil(p.dateOfBirth());
    }

    private OutgoingEvent event(String type, String subject, String school, Map<String, Object> data) {
        return EventBuilder.from("training").type(type).subject(subject).district(district).school(school)
                .traceparent(trace.traceparent()).requestId(trace.requestId()).data(data).build();
    }
}
