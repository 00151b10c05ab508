package io.heartline.screening.directory;

import static io.heartline.screening.support.Api.answers;
import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.submitted;
import static io.heartline.screening.support.Api.token;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.screening.support.Directory;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The directory projection (training events) through what it feeds: campaign cohorts and their counts. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class DirectoryCohortTest {

    @Inject
    AgroalDataSource db;

    private final String school = newSchool();
    private final String psy = token(newPerson("psy"), school, "psychologist");

    private Map<String, Object> campaign(String instrument, String key, Object value) {
        Map<String, Object> c = new HashMap<>();
        c.put("instrument", instrument);
        c.put(key, value);
        c.put("opensAt", Instant.now().minus(1, ChronoUnit.HOURS).toString());
        c.put("closesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        return c;
    }

    @Test
    void allStaffCountsTheDirectorysActiveStaffOfTheSchool() {
        String a = newPerson("e"), b = newPerson("e"), c = newPerson("e");
        Directory.staff(db, Directory.DISTRICT, school, a, "CLASS_TEACHER");
        Directory.staff(db, Directory.DISTRICT, school, b, "PSYCHOLOGY_TEACHER");
        Directory.staff(db, Directory.DISTRICT, school, c, "OTHER");
        String id = as(psy).body(campaign("STAFF-MONTHLY", "allStaff", true)).post("/api/v1/campaigns").then()
                .statusCode(201).body("expected", equalTo(3)).body("cohort", equalTo("ALL_STAFF")).extract().path("id");
        submitted(token(a, school, "staff"), body("STAFF-MONTHLY", answers(4, 4, 4, 4, 4, 4, 4, 4, 4, 4)));

        ObjectNode left = EventSamples.data(Training.PERSON_DEACTIVATED);
        left.put("personId", c).put("personType", "STAFF").put("district", Directory.DISTRICT).put("school", school);
        Directory.send(Training.PERSON_DEACTIVATED, c, left);
        Directory.await(db, "SELECT count(*) FROM directory_staff WHERE person_id = ? AND NOT active", c);

        as(psy).get("/api/v1/campaigns/" + id).then().statusCode(200).body("expected", equalTo(2))
                .body("completed", equalTo(1)).body("completionRate", equalTo(0.5f));
    }

    @Test
    void aGradeCampaignReportsCompletionPerClassWithoutScores() {
        String s1 = newPerson("st"), s2 = newPerson("st"), s3 = newPerson("st"), other = newPerson("st");
        Directory.enrol(db, Directory.DISTRICT, school, s1, "c-8-1", "08", null);
        Directory.enrol(db, Directory.DISTRICT, school, s2, "c-8-1", "08", null);
        Directory.enrol(db, Directory.DISTRICT, school, s3, "c-8-2", "08", null);
        Directory.enrol(db, Directory.DISTRICT, school, other, "c-9-1", "09", null);
        String id = as(psy).body(campaign("GAD-7", "grade", "08")).post("/api/v1/campaigns").then().statusCode(201)
                .body("expected", equalTo(3)).body("cohort", equalTo("GRADE")).extract().path("id");
        submitted(token(s1, school, "student"), body("GAD-7", answers(3, 3, 3, 3, 3, 3, 3, 3)));
        submitted(token(other, school, "student"), body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0)));

        // a move to another grade takes the student out of the cohort
        ObjectNode moved = EventSamples.data(Training.STUDENT_MOVED);
        moved.put("studentId", s3).put("district", Directory.DISTRICT).put("school", school).put("classId", "c-9-1")
                .put("previousClassId", "c-8-2").put("previousSchool", school).put("grade", "09")
                .putNull("guardianConsentRequiredUntil");
        Directory.send(Training.STUDENT_MOVED, s3, moved);
        Directory.await(db, "SELECT count(*) FROM directory_student WHERE student_id = ? AND grade = '09'", s3);

        as(psy).get("/api/v1/campaigns/" + id).then().statusCode(200).body("expected", equalTo(2))
                .body("completed", equalTo(1)).body("byClass.classId", equalTo(java.util.List.of("c-8-1")))
                .body("byClass[0].completed", equalTo(1)).body("byClass[0].expected", equalTo(2))
                .body("$", not(hasKey("totalScore")));
        as(psy).body(campaign("GAD-7", "classId", "c-9-1")).post("/api/v1/campaigns").then().statusCode(201)
                .body("expected", equalTo(2)).body("cohort", equalTo("CLASS"));
        as(psy).body(campaign("STAFF-MONTHLY", "allStudents", true)).post("/api/v1/campaigns").then().statusCode(400)
                .body("errors.field", hasItem("instrument"));
        Map<String, Object> two = campaign("GAD-7", "grade", "08");
        two.put("allStudents", true);
        as(psy).body(two).post("/api/v1/campaigns").then().statusCode(400);
    }
}
