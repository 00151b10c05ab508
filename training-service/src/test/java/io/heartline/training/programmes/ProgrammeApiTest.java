package io.heartline.training.programmes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.DirectoryFixture.Role;
import io.heartline.training.support.DirectoryFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The 62-hour certificate course end to end: create from the template, enrol, mark, results, close. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class ProgrammeApiTest {

    @Inject
    AgroalDataSource db;

    private final EventTap tap = EventTap.of(Topics.TRAINING);
    private final String school = DirectoryFixture.unique("school");
    private final String otherSchool = DirectoryFixture.unique("school");
    private DirectoryFixture dir;

    @BeforeEach
    void seed() {
        dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        dir.school(school, "No. 1").school(otherSchool, "No. 2");
        for (int i = 1; i <= 20; i++) {
            dir.staff("e-" + i, "Teacher " + i, school, true, new Role("CLASS_TEACHER", school, true));
        }
        dir.staff("m-1", "Marker One", school, true, new Role("PSYCHOLOGY_TEACHER", school, true));
        dir.staff("x-1", "Other School", otherSchool, true, new Role("CLASS_TEACHER", otherSchool, true));
    }

    private RequestSpecification as(String role, String schoolClaim, String sub) {
        return given().auth().oauth2(dir.token(role, schoolClaim, sub)).contentType(ContentType.JSON);
    }

    private String createCourse() {
        return as("district-admin", null, "da").body(Map.of("template", "CERTIFICATE_COURSE_62H",
                "markerIds", List.of("m-1"))).post("/api/v1/programmes").then().statusCode(201)
                .body("hoursOnline", equalTo(34.0f)).body("hoursOffline", equalTo(28.0f))
                .body("hoursTotal", equalTo(62.0f)).body("passMark", equalTo(60.0f))
                .body("excellentShare", equalTo(0.05f)).body("components.weight", containsInAnyOrder(50, 25, 25))
                .body("courses", hasSize(5)).body("state", equalTo("OPEN"))
                .extract().path("id");
    }

    private void mark(String id, String person, String test, String design, String report, boolean allReqs) {
        for (var e : Map.of("TEST", test, "COURSE_DESIGN", design, "GROWTH_REPORT", report).entrySet()) {
            as("teacher", school, "m-1").body(Map.of("personId", person, "component", e.getKey(),
                    "score", Double.parseDouble(e.getValue()))).post("/api/v1/programmes/{id}/scores", id)
                    .then().statusCode(200);
        }
        for (String r : List.of("THEORY_COMPLETED", "GROUP_WORK_COMPLETED", "WRITTEN_WORK")) {
            as("teacher", school, "m-1").body(Map.of("personId", person, "requirement", r, "met", true))
                    .post("/api/v1/programmes/{id}/requirements", id).then().statusCode(200);
        }
        as("teacher", school, "m-1").body(Map.of("personId", person, "sessionId", "SEMINAR",
                "attended", allReqs)).post("/api/v1/programmes/{id}/attendance", id).then().statusCode(200);
    }

    @Test
    void theCertificateCourseFromEnrolmentToCertificates() {
        String id = createCourse();
        List<String> everyone = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            everyone.add("e-" + i);
        }
        as("district-admin", null, "da").body(Map.of("personIds", everyone))
                .post("/api/v1/programmes/{id}/enrolments", id).then().statusCode(200)
                .body("enrolled", hasSize(20)).body("alreadyEnrolled", hasSize(0));
        as("district-admin", null, "da").body(Map.of("personIds", List.of("e-1")))
                .post("/api/v1/programmes/{id}/enrolments", id).then().statusCode(200)
                .body("alreadyEnrolled", equalTo(List.of("e-1")));

        mark(id, "e-1", "95", "90", "90", true);          // 92.5: the one excellent (20 participants: 1 slot)
        mark(id, "e-2", "100", "100", "100", false);      // seminar missed: FAIL despite 100
        mark(id, "e-3", "59.8", "60.0", "60.0", true);    // 59.9: FAIL
        mark(id, "e-4", "60", "60", "60", true);          // 60.0: PASS
        for (int i = 5; i <= 19; i++) {
            mark(id, "e-" + i, "70", "70", "70", true);
        }
        // e-20: no marks at all.

        as("teacher", school, "e-2").get("/api/v1/programmes/{id}/results", id).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].personId", equalTo("e-2"))
                .body("items[0].weightedTotal", equalTo(100.0f))
                .body("items[0].provisionalResult", equalTo("FAIL"))
                .body("items[0].reasons", equalTo(List.of("REQUIREMENT_NOT_MET")))
                .body("items[0].requirements.SEMINAR_ATTENDED", equalTo(false))
                .body("items[0].result", nullValue());
        as("district-admin", null, "da").queryParam("limit", 200).get("/api/v1/programmes/{id}/results", id)
                .then().statusCode(200).body("items", hasSize(20));

        as("district-admin", null, "da").post("/api/v1/programmes/{id}/close", id).then().statusCode(200)
                .body("participants", equalTo(20)).body("excellent", equalTo(1)).body("passed", equalTo(16))
                .body("failed", equalTo(3)).body("certificatesIssued", equalTo(17))
                .body("hoursCredited", equalTo(17 * 62.0f));

        as("district-admin", null, "da").queryParam("limit", 200).get("/api/v1/programmes/{id}/results", id)
                .then().body("items.find { it.personId == 'e-1' }.result", equalTo("EXCELLENT"))
                .body("items.find { it.personId == 'e-2' }.result", equalTo("FAIL"))
                .body("items.find { it.personId == 'e-3' }.result", equalTo("FAIL"))
                .body("items.find { it.personId == 'e-4' }.result", equalTo("PASS"))
                .body("items.find { it.personId == 'e-20' }.result", equalTo("FAIL"));

        // Certificates and hours: none for a fail.
        as("teacher", school, "e-1").get("/api/v1/certificates").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", equalTo("COURSE_EXCELLENT"))
                .body("items[0].expiresAt", notNullValue()).body("items[0].status", equalTo("VALID"));
        as("teacher", school, "e-2").get("/api/v1/certificates").then().statusCode(200).body("items", hasSize(0));
        as("teacher", school, "e-4").get("/api/v1/training-records").then().statusCode(200)
                .body("creditedHours", equalTo(62.0f)).body("hoursByKind.COURSE", equalTo(62.0f))
                .body("requiredHours", equalTo(10.0f)).body("requirementMet", equalTo(true))
                .body("courses[0].result", equalTo("PASS"));
        as("teacher", school, "e-3").get("/api/v1/training-records").then().statusCode(200)
                .body("creditedHours", equalTo(0.0f)).body("requirementMet", equalTo(false))
                .body("courses[0].result", equalTo("FAIL"));

        // Closed is final.
        as("district-admin", null, "da").post("/api/v1/programmes/{id}/close", id).then().statusCode(409);
        as("teacher", school, "m-1").body(Map.of("personId", "e-3", "component", "TEST", "score", 100))
                .post("/api/v1/programmes/{id}/scores", id).then().statusCode(409);

        List<EventTap.Seen> certified = tap.await(s -> dir.district.equals(s.data("district"))
                && Training.CERTIFIED.equals(s.event().type()), 17, Duration.ofSeconds(30));
        assertEquals(17, certified.size());
        certified.forEach(s -> assertEquals(List.of(), s.schemaProblems()));
        assertTrue(certified.stream().anyMatch(s -> "e-1".equals(s.key()) && "COURSE_EXCELLENT".equals(s.data("kind"))));
    }

    @Test
    void marksAreValidated() {
        String id = createCourse();
        // A district-wide programme is the district's: a school admin does not see it.
        as("school-admin", school, "sa").body(Map.of("personIds", List.of("e-1")))
                .post("/api/v1/programmes/{id}/enrolments", id).then().statusCode(404);
        as("district-admin", null, "da").body(Map.of("personIds", List.of("e-1", "nobody")))
                .post("/api/v1/programmes/{id}/enrolments", id).then().statusCode(400)
                .body("errors.field", equalTo(List.of("personIds[1]")));
        as("district-admin", null, "da").body(Map.of("personIds", List.of("e-1")))
                .post("/api/v1/programmes/{id}/enrolments", id).then().statusCode(200);
        as("teacher", school, "m-1").body(Map.of("personId", "e-1", "component", "TEST", "score", 60.05))
                .post("/api/v1/programmes/{id}/scores", id).then().statusCode(400)
                .body("errors.field", hasItem("score"));
        as("teacher", school, "m-1").body(Map.of("personId", "e-1", "component", "TEST", "score", 100.1))
                .post("/api/v1/programmes/{id}/scores", id).then().statusCode(400);
        as("teacher", school, "m-1").body(Map.of("personId", "e-1", "component", "ESSAY", "score", 50))
                .post("/api/v1/programmes/{id}/scores", id).then().statusCode(400)
                .body("errors.field", hasItem("component"));
        as("teacher", school, "m-1").body(Map.of("personId", "e-9", "component", "TEST", "score", 50))
                .post("/api/v1/programmes/{id}/scores", id).then().statusCode(400)
                .body("errors.field", hasItem("personId"));
        as("teacher", school, "m-1").body(Map.of("personId", "e-1", "sessionId", "NOPE", "attended", true))
                .post("/api/v1/programmes/{id}/attendance", id).then().statusCode(400);
        as("teacher", school, "m-1").body("{\"personId\": \"e-1\", \"component\": \"TEST\", \"score\": 50, \"x\": 1}")
                .post("/api/v1/programmes/{id}/scores", id).then().statusCode(400);
        // A participant may not mark; a colleague who is neither marker nor participant does not see it.
        as("teacher", school, "e-1").body(Map.of("personId", "e-1", "component", "TEST", "score", 100))
                .post("/api/v1/programmes/{id}/scores", id).then().statusCode(403);
        as("teacher", school, "e-5").body(Map.of("personId", "e-1", "component", "TEST", "score", 100))
                .post("/api/v1/programmes/{id}/scores", id).then().statusCode(404);
        as("teacher", school, "m-1").body(Map.of("personId", "e-1", "component", "TEST", "score", 59.9))
                .post("/api/v1/programmes/{id}/scores", id).then().statusCode(200)
                .body("scores.TEST", equalTo(59.9f));
    }

    @Test
    void programmesAreValidatedAndScoped() {
        as("district-admin", null, "da").body(Map.of("title", "Short", "hoursOnline", 2, "components",
                List.of(Map.of("code", "A", "weight", 50), Map.of("code", "B", "weight", 40))))
                .post("/api/v1/programmes").then().statusCode(400)
                .body("errors.field", hasItem("components"))
                .body("errors.message", hasItem("weights must sum to 100 (they sum to 90)"));
        as("district-admin", null, "da").body(Map.of("template", "NOPE")).post("/api/v1/programmes").then()
                .statusCode(400).body("errors.field", hasItem("template"));
        as("district-admin", null, "da").body(Map.of("title", "No components", "hoursOnline", 2))
                .post("/api/v1/programmes").then().statusCode(400);
        as("district-admin", null, "da").body("{\"title\": \"x\", \"passMark\": \"abc\"}")
                .post("/api/v1/programmes").then().statusCode(400);
        // A school admin creates for their school, with defaults (pass 60, excellent 5 %), and cannot for another.
        String id = as("school-admin", school, "sa").body(Map.of("title", "Class meetings", "hoursOffline", 4,
                "components", List.of(Map.of("code", "ESSAY", "weight", 100)),
                "requirements", List.of(Map.of("code", "DISCUSSION_ATTENDED", "sessionId", "OFFLINE"))))
                .post("/api/v1/programmes").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/programmes/"))
                .body("schoolId", equalTo(school)).body("passMark", equalTo(60.0f))
                .body("excellentShare", equalTo(0.05f)).body("hoursOffline", equalTo(4.0f))
                .extract().path("id");
        as("school-admin", school, "sa").body(Map.of("title", "x", "schoolId", otherSchool, "hoursOnline", 1,
                "components", List.of(Map.of("code", "A", "weight", 100)))).post("/api/v1/programmes")
                .then().statusCode(404);
        as("school-admin", otherSchool, "sa2").get("/api/v1/programmes/{id}", id).then().statusCode(404);
        given().auth().oauth2(dir.inDistrict("elsewhere").token("district-admin", null, "da"))
                .get("/api/v1/programmes/{id}", id).then().statusCode(404);
        as("school-admin", school, "sa").get("/api/v1/programmes").then().statusCode(200)
                .body("items.id", hasItem(id));
        as("school-admin", school, "sa").body(Map.of("title", "Extra", "mode", "ONLINE", "hours", 1.5))
                .post("/api/v1/programmes/{id}/courses", id).then().statusCode(201).body("id", equalTo("C2"));
        as("school-admin", school, "sa").get("/api/v1/programmes/{id}", id).then()
                .body("hoursOnline", equalTo(1.5f)).body("hoursTotal", equalTo(5.5f));
        as("school-admin", school, "sa").body(Map.of("personIds", List.of("x-1")))
                .post("/api/v1/programmes/{id}/enrolments", id).then().statusCode(400);
        as("teacher", school, "e-1").body(Map.of("title", "x")).post("/api/v1/programmes").then().statusCode(403);
        as("student", school, "s-1").get("/api/v1/programmes/{id}", id).then().statusCode(403);
        given().get("/api/v1/programmes/{id}", id).then().statusCode(401);
    }
}
