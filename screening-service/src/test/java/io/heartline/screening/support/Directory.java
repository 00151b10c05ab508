package io.heartline.screening.support;

import java.time.Duration;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.testsupport.EventPublisher;

/**
 * Plays training-service: publishes schema-valid directory events (from the platform's samples) on
 * {@code heartline.training} and waits until this service's projection shows them.
 */
public final class Directory {

    public static final String DISTRICT = "district-1";

    private Directory() {
    }

    public static void send(String type, String subject, ObjectNode data) {
        OutgoingEvent e = EventBuilder.from("training").type(type).subject(subject)
                .district(data.path("district").asText()).school(data.path("school").asText(null)).data(data).build();
        EventPublisher.publish(e);
    }

    /** student-enrolled, then waits for the projection. */
    public static void enrol(DataSource db, String district, String school, String studentId, String classId,
            String grade, LocalDate consentRequiredUntil) {
        ObjectNode d = EventSamples.data(Training.STUDENT_ENROLLED);
        d.put("studentId", studentId).put("district", district).put("school", school).put("classId", classId)
                .put("grade", grade);
        if (consentRequiredUntil == null) {
            d.putNull("guardianConsentRequiredUntil");
        } else {
            d.put("guardianConsentRequiredUntil", consentRequiredUntil.toString());
        }
        send(Training.STUDENT_ENROLLED, studentId, d);
        await(db, "SELECT count(*) FROM directory_student WHERE district = ? AND student_id = ? AND active"
                + " AND class_id = ?", district, studentId, classId);
    }

    /** person-activated for a staff member with one role at a school, then waits for the projection. */
    public static void staff(DataSource db, String district, String school, String personId, String role) {
        ObjectNode d = EventSamples.data(Training.PERSON_ACTIVATED);
        d.put("personId", personId).put("personType", "STAFF").put("district", district).put("school", school);
        ArrayNode roles = d.putArray("roles");
        roles.addObject().put("role", role).put("schoolId", school).put("fullTime", true).putArray("classIds");
        send(Training.PERSON_ACTIVATED, personId, d);
        await(db, "SELECT count(*) FROM directory_staff WHERE district = ? AND school = ? AND person_id = ? AND active",
                district, school, personId);
    }

    public static void await(DataSource db, String countSql, Object... params) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> Db.count(db, countSql, params) > 0);
    }
}
