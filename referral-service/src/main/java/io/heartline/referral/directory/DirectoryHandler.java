package io.heartline.referral.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.IncomingEvent;
import io.heartline.platform.events.MalformedEventException;
import io.heartline.platform.events.Topics;
import io.heartline.platform.messaging.EventHandler;

/**
 * Keeps the directory projection ({@code directory_*} tables) from {@code heartline.training}. Every event carries
 * the whole current state of what it is about (a person's roles, a class's teachers, a student's class), so each is
 * an upsert and replaying the topic from the start rebuilds the same tables.
 */
@ApplicationScoped
public class DirectoryHandler implements EventHandler {

    public static final String CONSUMER = "directory";

    private final EntityManager em;

    DirectoryHandler(EntityManager em) {
        this.em = em;
    }

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.TRAINING);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(Training.PERSON_ACTIVATED, Training.PERSON_ROLES_CHANGED, Training.PERSON_DEACTIVATED,
                Training.STUDENT_ENROLLED, Training.STUDENT_MOVED, Training.STUDENT_LEFT,
                Training.CLASS_TEACHER_ASSIGNED);
    }

    @Override
    public void handle(IncomingEvent event) {
        JsonNode d = event.data();
        String district = text(d, "district");
        if (district == null) {
            throw new MalformedEventException("directory event " + event.id() + " names no district");
        }
        switch (event.type()) {
            case Training.PERSON_ACTIVATED -> {
                person(district, text(d, "personId"), text(d, "personType"), true);
                if ("STUDENT".equals(text(d, "personType"))) {
                    student(district, text(d, "personId"), text(d, "school"), text(d, "classId"));
                }
                if (d.has("roles")) {
                    roles(district, text(d, "personId"), d.get("roles"));
                }
            }
            case Training.PERSON_ROLES_CHANGED -> roles(district, text(d, "personId"), d.get("roles"));
            case Training.PERSON_DEACTIVATED -> person(district, text(d, "personId"), text(d, "personType"), false);
            case Training.STUDENT_ENROLLED, Training.STUDENT_MOVED ->
                student(district, text(d, "studentId"), text(d, "school"), text(d, "classId"));
            case Training.STUDENT_LEFT -> student(district, text(d, "studentId"), text(d, "school"), null);
            case Training.CLASS_TEACHER_ASSIGNED -> classTeachers(district, text(d, "classId"), text(d, "school"),
                    d.get("teacherIds"));
            default -> {
                // not subscribed
            }
        }
    }

    private void person(String district, String personId, String type, boolean active) {
        em.createNativeQuery("""
                INSERT INTO directory_person (district, person_id, person_type, active) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (district, person_id) DO UPDATE SET person_type = EXCLUDED.person_type,
                    active = EXCLUDED.active""")
                .setParameter(1, district).setParameter(2, personId).setParameter(3, type).setParameter(4, active)
                .executeUpdate();
    }

    private void student(String district, String studentId, String school, String classId) {
        em.createNativeQuery("""
                INSERT INTO directory_student (district, student_id, school, class_id) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (district, student_id) DO UPDATE SET school = EXCLUDED.school,
                    class_id = EXCLUDED.class_id""")
                .setParameter(1, district).setParameter(2, studentId).setParameter(3, school)
                .setParameter(4, classId).executeUpdate();
    }

    private void roles(String district, String personId, JsonNode roles) {
        em.createNativeQuery("DELETE FROM directory_staff_role WHERE district = ?1 AND person_id = ?2")
                .setParameter(1, district).setParameter(2, personId).executeUpdate();
        if (roles == null) {
            return;
        }
        for (JsonNode r : roles) {
            em.createNativeQuery("""
                    INSERT INTO directory_staff_role (district, person_id, school, role) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT DO NOTHING""")
                    .setParameter(1, district).setParameter(2, personId).setParameter(3, text(r, "schoolId"))
                    .setParameter(4, text(r, "role")).executeUpdate();
        }
    }

    private void classTeachers(String district, String classId, String school, JsonNode teacherIds) {
        List<String> ids = new ArrayList<>();
        teacherIds.forEach(t -> ids.add(t.asText()));
        em.createNativeQuery("""
                INSERT INTO directory_class (district, class_id, school, teacher_ids) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (district, class_id) DO UPDATE SET school = EXCLUDED.school,
                    teacher_ids = EXCLUDED.teacher_ids""")
                .setParameter(1, district).setParameter(2, classId).setParameter(3, school)
                .setParameter(4, ids.toArray(String[]::new)).executeUpdate();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
