package io.heartline.training.hours;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.DirectoryFixture.Role;
import io.heartline.training.support.DirectoryFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** LMS completions as xAPI statements (deduplicated), conference credits, and the yearly record per role. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class XapiAndRecordsApiTest {

    @Inject
    AgroalDataSource db;

    private final String school = DirectoryFixture.unique("school");
    private DirectoryFixture dir;

    @BeforeEach
    void seed() {
        dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        dir.school(school, "No. 1")
                .staff("p-1", "Li Wei", school, true, new Role("PSYCHOLOGY_TEACHER", school, true))
                .staff("c-1", "Zhang Min", school, true, new Role("CLASS_TEACHER", school, true, "k1"));
    }

    private RequestSpecification as(String role, String schoolClaim, String sub) {
        return given().auth().oauth2(dir.token(role, schoolClaim, sub)).contentType(ContentType.JSON);
    }

    static Map<String, Object> completed(String id, String person, String duration, String timestamp) {
        return Map.of("id", id, "actor", Map.of("objectType", "Agent", "account",
                Map.of("homePage", "https://lms.example", "name", person)),
                "verb", Map.of("id", "http://adlnet.gov/expapi/verbs/completed", "display", Map.of("en-US", "completed")),
                "object", Map.of("id", "https://lms.example/courses/crisis-101",
                        "definition", Map.of("name", Map.of("en-US", "Crisis 101"))),
                "result", Map.of("completion", true, "duration", duration), "timestamp", timestamp);
    }

    @Test
    void completedStatementsCreditHoursOnceAndAnswerTheirIds() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        as("hr-sync", null, "lms").header("X-Experience-API-Version", "1.0.3")
                .body(List.of(completed(a, "c-1", "PT2H30M", "2026-03-01T10:00:00Z"),
                        completed(b, "c-1", "PT4H", "2025-12-31T23:00:00Z")))
                .post("/api/v1/xapi/statements").then().statusCode(200)
                .header("X-Experience-API-Version", "1.0.3").body("$", equalTo(List.of(a, b)));
        // The LMS retries: the same statements credit nothing more.
        as("hr-sync", null, "lms").body(completed(a, "c-1", "PT2H30M", "2026-03-01T10:00:00Z"))
                .post("/api/v1/xapi/statements").then().statusCode(200).body("$", equalTo(List.of(a)));
        // The same id with other content: 409, as an LRS answers.
        as("hr-sync", null, "lms").body(completed(a, "c-1", "PT9H", "2026-03-01T10:00:00Z"))
                .post("/api/v1/xapi/statements").then().statusCode(409);

        as("teacher", school, "c-1").get("/api/v1/training-records?year=2026").then().statusCode(200)
                .body("hoursByKind.XAPI", equalTo(2.5f)).body("creditedHours", equalTo(2.5f))
                .body("requiredHours", equalTo(10.0f)).body("requirementMet", equalTo(false))
                .body("credits", hasSize(1)).body("credits[0].title", equalTo("Crisis 101"));
        as("teacher", school, "c-1").get("/api/v1/training-records?year=2025").then().statusCode(200)
                .body("creditedHours", equalTo(4.0f));
        as("hr-sync", null, "lms").body(completed(UUID.randomUUID().toString(), "c-1", "PT7H30M",
                "2026-05-01T10:00:00Z")).post("/api/v1/xapi/statements").then().statusCode(200);
        as("school-admin", school, "sa").get("/api/v1/training-records?personId=c-1&year=2026").then()
                .statusCode(200).body("creditedHours", equalTo(10.0f)).body("requirementMet", equalTo(true));
    }

    @Test
    void statementsAreValidated() {
        as("hr-sync", null, "lms").body(Map.of("id", "not-a-uuid", "actor", Map.of(), "verb", Map.of()))
                .post("/api/v1/xapi/statements").then().statusCode(400)
                .body("errors.field", hasItem("[0].id")).body("errors.field", hasItem("[0].actor.account.name"));
        as("hr-sync", null, "lms").body(completed(UUID.randomUUID().toString(), "c-1", "two hours",
                "2026-03-01T10:00:00Z")).post("/api/v1/xapi/statements").then().statusCode(400)
                .body("errors.field", hasItem("[0].result.duration"));
        as("hr-sync", null, "lms").body("[]").post("/api/v1/xapi/statements").then().statusCode(400);
        as("hr-sync", null, "lms").body("{not json").post("/api/v1/xapi/statements").then().statusCode(400);
        as("hr-sync", null, "lms").header("X-Experience-API-Version", "2.0.0")
                .body(completed(UUID.randomUUID().toString(), "c-1", "PT1H", "2026-03-01T10:00:00Z"))
                .post("/api/v1/xapi/statements").then().statusCode(400);
        as("district-admin", null, "da").body(completed(UUID.randomUUID().toString(), "c-1", "PT1H",
                "2026-03-01T10:00:00Z")).post("/api/v1/xapi/statements").then().statusCode(403);
    }

    @Test
    void aPsychologyTeacherMeetsTheYearWithTwoProvincialConferences() {
        as("teacher", school, "p-1").get("/api/v1/training-records?year=2026").then().statusCode(200)
                .body("requiredHours", equalTo(40.0f)).body("requirementMet", equalTo(false));
        for (int i = 1; i <= 2; i++) {
            as("school-admin", school, "sa").body(Map.of("personId", "p-1", "kind", "CONFERENCE", "hours", 6,
                    "date", "2026-0" + (i + 3) + "-10", "title", "Provincial conference " + i,
                    "eventLevel", "PROVINCIAL", "reference", "conf-" + i)).post("/api/v1/training-records/credits")
                    .then().statusCode(201);
        }
        as("school-admin", school, "sa").body(Map.of("personId", "p-1", "kind", "CONFERENCE", "hours", 6,
                "date", "2026-04-10", "title", "Again", "eventLevel", "PROVINCIAL", "reference", "conf-1"))
                .post("/api/v1/training-records/credits").then().statusCode(409);
        as("teacher", school, "p-1").body(Map.of("personId", "p-1", "kind", "CONFERENCE", "hours", 6,
                "date", "2026-04-10", "title", "Self", "reference", "self")).post("/api/v1/training-records/credits")
                .then().statusCode(403);
        as("school-admin", school, "sa").body(Map.of("personId", "p-1", "kind", "COURSE", "hours", 6,
                "date", "2026-04-10", "title", "x")).post("/api/v1/training-records/credits").then().statusCode(400)
                .body("errors.field", hasItem("kind"));
        as("teacher", school, "p-1").get("/api/v1/training-records?year=2026").then().statusCode(200)
                .body("creditedHours", equalTo(12.0f)).body("provincialConferences", equalTo(2))
                .body("requirementMet", equalTo(true));
        // District setting: class teachers need 20 h here.
        as("district-admin", null, "da").body(Map.of("hours", 20))
                .put("/api/v1/compliance/hours-requirements/CLASS_TEACHER").then().statusCode(200)
                .body("CLASS_TEACHER", equalTo(20.0f)).body("PSYCHOLOGY_TEACHER", equalTo(40.0f));
        as("teacher", school, "c-1").get("/api/v1/training-records?year=2026").then().statusCode(200)
                .body("requiredHours", equalTo(20.0f));
        as("teacher", school, "c-1").get("/api/v1/training-records?personId=p-1").then().statusCode(404);
        as("teacher", school, "c-1").get("/api/v1/training-records?year=abc").then().statusCode(400);
        as("student", school, "s").get("/api/v1/training-records").then().statusCode(403);
    }
}
