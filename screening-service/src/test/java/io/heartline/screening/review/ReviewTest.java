package io.heartline.screening.review;

import static io.heartline.screening.support.Api.answers;
import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.submitted;
import static io.heartline.screening.support.Api.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.heartline.screening.support.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Clinical review through the public API: levels kept side by side, worklist order, audit, event. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class ReviewTest {

    @Inject
    AgroalDataSource db;

    private final String school = newSchool();
    private final String psySub = newPerson("psy");
    private final String psy = token(psySub, school, "psychologist");

    private String lowResult() {
        // GAD-7 total 5: LOW
        return submitted(psy, body("GAD-7", answers(1, 1, 1, 1, 1, 0, 0, 1), "subjectId", newPerson("st"),
                "subjectType", "STUDENT"));
    }

    @Test
    void aRaisedLevelIsShownBesideTheComputedOneAuditedAndPublished() {
        String id = lowResult();
        as(psy).body(Map.of("decision", "RAISE", "riskLevel", "HIGH", "reasonCode", "INTERVIEW_FINDINGS",
                "note", "told me about a plan")).post("/api/v1/screenings/" + id + "/review").then().statusCode(200)
                .body("computedRiskLevel", equalTo("LOW")).body("riskLevel", equalTo("HIGH"))
                .body("review.decision", equalTo("RAISE")).body("review.reasonCode", equalTo("INTERVIEW_FINDINGS"))
                .body("review.by", equalTo(psySub));
        as(psy).get("/api/v1/screenings/" + id).then().statusCode(200).body("riskLevel", equalTo("HIGH"))
                .body("computedRiskLevel", equalTo("LOW"));
        assertEquals(1, Db.count(db, "SELECT count(*) FROM audit_record WHERE record_id = ?"
                + " AND endpoint = 'POST /api/v1/screenings/{id}/review'", id));

        EventTap tap = EventTap.of(Topics.SCREENING);
        var seen = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> tap.all().stream()
                .filter(e -> EventTypes.Screening.REVIEWED.equals(e.event().type()) && id.equals(e.data("screeningId")))
                .toList(), l -> !l.isEmpty()).get(0);
        assertEquals(List.of(), seen.schemaProblems());
        assertEquals("HIGH", seen.data("riskLevel"));
        assertEquals("LOW", seen.data("computedRiskLevel"));
        assertTrue(!new String(seen.raw()).contains("told me"), "the note never leaves the service");
    }

    @Test
    void theWorklistShowsUnreviewedFirstAndUsesTheReviewedLevel() {
        String reviewed = lowResult();
        String unreviewed = submitted(psy, body("GAD-7", answers(2, 2, 2, 2, 2, 0, 0, 1), "subjectId",
                newPerson("st"), "subjectType", "STUDENT")); // 10: MODERATE
        as(psy).body(Map.of("decision", "RAISE", "riskLevel", "MODERATE", "reasonCode", "CLINICAL_JUDGEMENT"))
                .post("/api/v1/screenings/" + reviewed + "/review").then().statusCode(200);
        List<String> ids = as(psy).queryParam("riskLevel", "MODERATE").get("/api/v1/screenings").then()
                .statusCode(200).extract().path("items.id");
        assertEquals(List.of(unreviewed, reviewed), ids);
        List<String> page1 = as(psy).queryParam("limit", 1).get("/api/v1/screenings").then().statusCode(200)
                .extract().path("items.id");
        String cursor = as(psy).queryParam("limit", 1).get("/api/v1/screenings").then().extract().path("nextCursor");
        List<String> page2 = as(psy).queryParam("limit", 1).queryParam("cursor", cursor).get("/api/v1/screenings")
                .then().statusCode(200).extract().path("items.id");
        assertEquals(List.of(unreviewed), page1);
        assertEquals(List.of(reviewed), page2);
    }

    @Test
    void invalidReviewsAre400AndScopeIsEnforced() {
        String id = lowResult();
        as(psy).body(Map.of("decision", "LOWER", "riskLevel", "HIGH", "reasonCode", "X")).post(
                "/api/v1/screenings/" + id + "/review").then().statusCode(400).body("errors.field", hasItem("riskLevel"));
        as(psy).body(Map.of("decision", "CONFIRM", "riskLevel", "LOW", "reasonCode", "not a code")).post(
                "/api/v1/screenings/" + id + "/review").then().statusCode(400).body("errors.field", hasItem("reasonCode"));
        as(psy).body(Map.of("decision", "MAYBE", "riskLevel", "LOW", "reasonCode", "X")).post(
                "/api/v1/screenings/" + id + "/review").then().statusCode(400);
        Map<String, Object> ok = Map.of("decision", "CONFIRM", "riskLevel", "LOW", "reasonCode", "AGREED");
        given().contentType(ContentType.JSON).body(ok).post("/api/v1/screenings/" + id + "/review").then()
                .statusCode(401);
        as(token(newPerson("t"), school, "teacher")).body(ok).post("/api/v1/screenings/" + id + "/review").then()
                .statusCode(403);
        String otherDistrict = TestTokens.forRole("psychologist").sub(newPerson("psy")).school(school)
                .district("district-2").sign();
        as(otherDistrict).body(ok).post("/api/v1/screenings/" + id + "/review").then().statusCode(404);
        as(otherDistrict).get("/api/v1/screenings/" + id).then().statusCode(404);
        as(psy).body(ok).post("/api/v1/screenings/" + id + "/review").then().statusCode(200)
                .body("review.decision", equalTo("CONFIRM"));
    }
}
