package io.heartline.referral.support;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.testsupport.EventPublisher;

/** Plays training-service's directory: schema-valid events on heartline.training, from the published samples. */
public final class DirectoryEvents implements AutoCloseable {

    private final String district;
    private final String school;

    public DirectoryEvents(String district, String school) {
        this.district = district;
        this.school = school;
    }

    public DirectoryEvents classTeachers(String classId, String... teacherIds) {
        ObjectNode d = data(Training.CLASS_TEACHER_ASSIGNED).put("classId", classId);
        ArrayNode ids = d.putArray("teacherIds");
        List.of(teacherIds).forEach(ids::add);
        return send(Training.CLASS_TEACHER_ASSIGNED, classId, d);
    }

    public DirectoryEvents student(String studentId, String classId) {
        ObjectNode p = data(Training.PERSON_ACTIVATED).put("personId", studentId).put("personType", "STUDENT")
                .put("classId", classId);
        p.remove("roles");
        send(Training.PERSON_ACTIVATED, studentId, p);
        return send(Training.STUDENT_ENROLLED, studentId, data(Training.STUDENT_ENROLLED).put("studentId", studentId)
                .put("classId", classId));
    }

    public DirectoryEvents moved(String studentId, String from, String to) {
        return send(Training.STUDENT_MOVED, studentId, data(Training.STUDENT_MOVED).put("studentId", studentId)
                .put("classId", to).put("previousClassId", from).put("previousSchool", school));
    }

    /** A staff member with one role at the school. */
    public DirectoryEvents staff(String personId, String role) {
        ObjectNode p = data(Training.PERSON_ACTIVATED).put("personId", personId).put("personType", "STAFF");
        ArrayNode roles = p.putArray("roles");
        roles.addObject().put("role", role).put("schoolId", school).put("fullTime", true).putArray("classIds");
        return send(Training.PERSON_ACTIVATED, personId, p);
    }

    private ObjectNode data(String type) {
        return EventSamples.data(type).put("district", district).put("school", school);
    }

    private DirectoryEvents send(String type, String subject, ObjectNode data) {
        EventPublisher.publish(EventBuilder.from("training").type(type).subject(subject).district(district)
                .school(school).data(data).build());
        return this;
    }

    @Override
    public void close() {
        // nothing to release: the publisher is shared by the test JVM
    }
}
