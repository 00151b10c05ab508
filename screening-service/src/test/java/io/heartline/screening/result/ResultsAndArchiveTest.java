package io.heartline.screening.result;

import static io.heartline.screening.support.Api.answer;
import static io.heartline.screening.support.Api.answers;
import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.phq9;
import static io.heartline.screening.support.Api.phqA;
import static io.heartline.screening.support.Api.submitted;
import static io.heartline.screening.support.Api.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.screening.support.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** What psychologists read (result, worklist, archive with trends), who may submit about whom, and the audit trail. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class ResultsAndArchiveTest {

    @Inject
    AgroalDataSource db;

    private final String school = newSchool();
    private final String psychologist = newPerson("psy");
    private final String psy = token(psychologist, school, "psychologist");

    @Test
    void fullResultCarriesAnswersScoresVersionsAndFlags() {
        String student = newPerson("student");
        String id = submitted(token(student, school, "student"), body("PHQ-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 1)));
        as(psy).get("/api/v1/screenings/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("instrument", equalTo("PHQ-9"))
                .body("instrumentVersion", equalTo(1))
                .body("scoringRulesVersion", startsWith("1:"))
                .body("subjectId", equalTo(student))
                .body("subjectType", equalTo("STUDENT"))
                .body("school", equalTo(school))
                .body("submittedAt", notNullValue())
                .body("answers", hasSize(10))
                .body("answers[8].item", equalTo(9)).body("answers[8].value", equalTo(1))
                .body("totalScore", equalTo(1))
                .body("band", equalTo("MINIMAL"))
                .body("bandLabel", equalTo("Minimal depression"))
                .body("riskLevel", equalTo("CRITICAL"))
                .body("flags[0].code", equalTo("SELF_HARM_IDEATION"))
                .body("flags[0].item", equalTo(9));
    }

    @Test
    void subscalesAndMeansAreShown() {
        String staff = newPerson("staff");
        String id = submitted(token(staff, school, "staff"), body("REVERSE-TEST", answers(0, 0, 0, 0)));
        as(psy).get("/api/v1/screenings/" + id).then().statusCode(200)
                .body("totalScore", equalTo(8))
                .body("meanScore", equalTo(2))
                .body("subscales.code", contains("TENSION", "WORRY"))
                .body("subscales[0].total", equalTo(4))
                .body("riskLevel", equalTo("MODERATE"));
        String who = submitted(token(staff, school, "staff"), body("WHO-5", answers(3, 2, 1, 1, 1)));
        as(psy).get("/api/v1/screenings/" + who).then().statusCode(200)
                .body("totalScore", equalTo(8)).body("percentageScore", equalTo(32))
                .body("bandedOn", equalTo("PERCENTAGE")).body("bandScore", equalTo(32))
                .body("riskLevel", equalTo("MODERATE"));
    }

    @Test
    void unknownOrMalformedIdsAre404() {
        as(psy).get("/api/v1/screenings/0190f5a2-7b1c-7e4a-9c3d-2f6b8a1d4e5f").then().statusCode(404)
                .contentType("application/problem+json");
        as(psy).get("/api/v1/screenings/not-a-uuid").then().statusCode(404);
    }

    @Test
    void worklistListsTheSchoolsResultsAtOrAboveALevelNewestFirstAndPages() {
        String s = newSchool();
        String p = token(newPerson("psy"), s, "psychologist");
        String none = submitted(token(newPerson("st"), s, "student"), body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0)));
        List<Map<String, Object>> moderate = new ArrayList<>(answers(2, 2, 2, 2, 2, 0, 0));
        moderate.add(answer(8, 1));
        String mod = submitted(token(newPerson("st"), s, "student"), body("GAD-7", moderate));
        String crit = submitted(token(newPerson("st"), s, "student"), body("PHQ-A", phqA(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        as(p).get("/api/v1/screenings").then().statusCode(200)
                .body("items.id", contains(crit, mod)).body("nextCursor", nullValue())
                .body("items[0].answers", nullValue());
        as(p).get("/api/v1/screenings?riskLevel=CRITICAL").then().body("items.id", contains(crit));
        as(p).get("/api/v1/screenings?riskLevel=NONE").then().body("items.id", contains(crit, mod, none));
        String cursor = as(p).get("/api/v1/screenings?riskLevel=NONE&limit=2").then()
                .body("items.id", contains(crit, mod)).extract().path("nextCursor");
        assertNotNull(cursor);
        as(p).get("/api/v1/screenings?riskLevel=NONE&limit=2&cursor=" + cursor).then()
                .body("items.id", contains(none)).body("nextCursor", nullValue());
        as(p).get("/api/v1/screenings?riskLevel=NONE&since=" + Instant.now().plusSeconds(60)).then()
                .body("items", hasSize(0));
        // Each listed result was audited for that endpoint.
        assertTrue(Db.count(db, "SELECT count(*) FROM audit_record WHERE record_id = ? AND endpoint = ?", crit,
                "GET /api/v1/screenings") >= 3);
    }

    @Test
    void worklistParametersAreValidated() {
        as(psy).get("/api/v1/screenings?riskLevel=SEVERE").then().statusCode(400)
                .body("errors[0].field", equalTo("riskLevel"));
        as(psy).get("/api/v1/screenings?since=yesterday").then().statusCode(400)
                .body("errors[0].field", equalTo("since"));
        as(psy).get("/api/v1/screenings?limit=500").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as(psy).get("/api/v1/screenings?limit=abc").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        as(psy).get("/api/v1/screenings?cursor=nonsense").then().statusCode(400);
    }

    @Test
    void archiveShowsResultsOverTimeWithATrendPerInstrument() {
        String student = newPerson("student");
        String t = token(student, school, "student");
        String first = submitted(t, body("PHQ-9", phq9(2, 2, 2, 2, 2, 0, 0, 0, 0)));   // 10 MODERATE
        String second = submitted(t, body("PHQ-9", phq9(1, 1, 1, 1, 0, 0, 0, 0, 0)));  // 4 NONE
        String gad = submitted(t, body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0)));
        String staff = newPerson("staff");
        String st = token(staff, school, "staff");
        submitted(st, body("WHO-5", answers(5, 5, 5, 5, 5)));       // 100%: NONE
        submitted(st, body("WHO-5", answers(3, 3, 3, 3, 3)));       // 60%: NONE but lower = worse
        as(psy).get("/api/v1/subjects/" + student + "/screenings").then().statusCode(200)
                .body("subjectId", equalTo(student))
                .body("items.id", contains(gad, second, first))
                .body("items[0].answers", nullValue())
                .body("trends.instrument", containsInAnyOrder("PHQ-9", "GAD-7"))
                .body("trends.find { it.instrument == 'PHQ-9' }.direction", equalTo("IMPROVING"))
                .body("trends.find { it.instrument == 'PHQ-9' }.points.screeningId", contains(first, second))
                .body("trends.find { it.instrument == 'GAD-7' }.direction", equalTo("SINGLE_RESULT"));
        as(psy).get("/api/v1/subjects/" + staff + "/screenings").then().statusCode(200)
                .body("trends[0].higherScoreIsWorse", equalTo(false))
                .body("trends[0].direction", equalTo("WORSENING"));
        String cursor = as(psy).get("/api/v1/subjects/" + student + "/screenings?limit=2").then()
                .body("items.id", contains(gad, second)).extract().path("nextCursor");
        as(psy).get("/api/v1/subjects/" + student + "/screenings?limit=2&cursor=" + cursor).then()
                .body("items.id", contains(first));
        assertTrue(Db.auditRows(db, first) >= 2, "the archive audits every result it shows");
    }

    @Test
    void archiveOfSomeoneWithoutResultsHereIs404() {
        as(psy).get("/api/v1/subjects/" + newPerson("nobody") + "/screenings").then().statusCode(404);
    }

    @Test
    void schoolAdminSeesWhoReadWhatWithoutAnswers() {
        String student = newPerson("student");
        String id = submitted(token(student, school, "student"), body("PHQ-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0)));
        as(psy).header("X-Request-Id", "audit-probe-1").get("/api/v1/screenings/" + id).then().statusCode(200);
        as(psy).get("/api/v1/subjects/" + student + "/screenings").then().statusCode(200);
        as(token(newPerson("admin"), school, "school-admin")).get("/api/v1/audit?subjectId=" + student)
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.actor", contains(psychologist, psychologist))
                .body("items.actorRole", contains("psychologist", "psychologist"))
                .body("items.endpoint", contains("GET /api/v1/subjects/{subjectId}/screenings",
                        "GET /api/v1/screenings/{id}"))
                .body("items.recordId", contains(id, id))
                .body("items[1].requestId", equalTo("audit-probe-1"))
                .body("items[0].answers", nullValue()).body("items[0].totalScore", nullValue());
        as(token(newPerson("admin"), school, "school-admin")).get("/api/v1/audit").then().statusCode(400)
                .body("errors[0].field", equalTo("subjectId"));
    }

    @Test
    void auditRowsCannotBeChanged() {
        String id = submitted(token(newPerson("student"), school, "student"), body("PHQ-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0)));
        as(psy).get("/api/v1/screenings/" + id).then().statusCode(200);
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Db.count(db, "WITH d AS (DELETE FROM audit_record WHERE record_id = ? RETURNING 1) SELECT count(*) FROM d", id));
        assertTrue(e.getCause().getMessage().contains("append-only"));
        assertEquals(1, Db.auditRows(db, id));
    }

    @Test
    void psychologistSubmitsAboutAnyoneAndGetsOnlyAReceipt() {
        String student = newPerson("student");
        as(psy).body(body("PHQ-A", phqA(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "subjectId", student))
                .post("/api/v1/screenings").then().statusCode(201).body("status", equalTo("RECEIVED"))
                .body("riskLevel", nullValue());
        String staff = newPerson("staff");
        as(psy).body(body("K10", answers(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), "subjectId", staff)).post("/api/v1/screenings")
                .then().statusCode(201);
        as(psy).body(body("PHQ-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), "subjectId", staff, "subjectType", "STAFF"))
                .post("/api/v1/screenings").then().statusCode(201);
        assertEquals(List.of("K10 STAFF " + psychologist, "PHQ-9 STAFF " + psychologist), Db.strings(db,
                "SELECT instrument_code || ' ' || subject_type || ' ' || submitted_by FROM screening"
                        + " WHERE subject_id = ? ORDER BY instrument_code", staff));
        // PHQ-A is for students only.
        as(psy).body(body("PHQ-A", phqA(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), "subjectId", staff, "subjectType", "STAFF"))
                .post("/api/v1/screenings").then().statusCode(400).body("errors[0].field", equalTo("subjectType"));
    }

    @Test
    void whoMaySubmitAboutWhom() {
        String student = newPerson("student");
        String other = newPerson("student");
        var gad = body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0), "subjectId", other);
        as(token(student, school, "student")).body(gad).post("/api/v1/screenings").then().statusCode(403);
        as(token(newPerson("staff"), school, "staff")).body(gad).post("/api/v1/screenings").then().statusCode(403);
        as(token(newPerson("teacher"), school, "teacher")).body(gad).post("/api/v1/screenings").then().statusCode(403);
        // A student may not take a staff-only instrument, nor claim to be staff.
        as(token(student, school, "student")).body(body("STAFF-MONTHLY", answers(3, 3, 3, 3, 3, 3, 3, 3, 3, 3)))
                .post("/api/v1/screenings").then().statusCode(403);
        as(token(student, school, "student")).body(body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0), "subjectType", "STAFF"))
                .post("/api/v1/screenings").then().statusCode(400).body("errors[0].field", equalTo("subjectType"));
        // Observer forms: a teacher about a student, never about themself; a student never.
        String teacher = newPerson("teacher");
        var obs = body("TEACHER-OBS", answers(0, 0, 0, 0, 0, 0, 0, 0, 1, 0), "subjectId", other);
        as(token(teacher, school, "teacher")).body(obs).post("/api/v1/screenings").then().statusCode(201)
                .body("status", equalTo("RECEIVED"));
        as(token(teacher, school, "teacher")).body(body("TEACHER-OBS", answers(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
                .post("/api/v1/screenings").then().statusCode(403);
        as(token(student, school, "student")).body(obs).post("/api/v1/screenings").then().statusCode(403);
        assertEquals(List.of("STUDENT CRITICAL " + teacher), Db.strings(db, "SELECT subject_type || ' ' || risk_level"
                + " || ' ' || submitted_by FROM screening WHERE subject_id = ? AND instrument_code = 'TEACHER-OBS'", other));
        assertFalse(Db.strings(db, "SELECT submitted_by_role FROM screening WHERE subject_id = ?", other).isEmpty());
    }
}
