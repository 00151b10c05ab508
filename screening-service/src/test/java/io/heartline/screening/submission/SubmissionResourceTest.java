package io.heartline.screening.submission;

import static io.heartline.screening.support.Api.answer;
import static io.heartline.screening.support.Api.answers;
import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.phq9;
import static io.heartline.screening.support.Api.phqA;
import static io.heartline.screening.support.Api.submit;
import static io.heartline.screening.support.Api.token;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.heartline.screening.support.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code POST /api/v1/screenings}: receipts, every validation error, idempotency, malformed bodies. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class SubmissionResourceTest {

    @Inject
    AgroalDataSource db;

    @Inject
    io.smallrye.jwt.auth.principal.JWTParser tokenParser;

    private final String school = newSchool();
    private final String student = newPerson("student");
    private final String studentToken = token(student, school, "student");

    @Test
    void studentGetsAReceiptWithoutScoreAndTheResultIsStoredWithItsVersions() {
        String id = as(studentToken).body(body("PHQ-A", phqA(0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0)))
                .post("/api/v1/screenings")
                .then().statusCode(201)
                .body("instrument", equalTo("PHQ-A"))
                .body("status", equalTo("RECEIVED"))
                .body("submittedAt", notNullValue())
                .body("$", not(hasKey("totalScore")))
                .body("$", not(hasKey("riskLevel")))
                .body("$", not(hasKey("band")))
                .extract().path("id");
        assertEquals(1, Db.count(db, "SELECT count(*) FROM screening WHERE id = ?::uuid AND subject_id = ? AND school = ?"
                + " AND subject_type = 'STUDENT' AND instrument_code = 'PHQ-A' AND instrument_version = 1"
                + " AND scoring_rules_version LIKE '1:%' AND total_score = 8 AND risk_level = 'LOW'", id, student, school));
    }

    @Test
    void locationPointsAtTheResult() {
        var response = submit(studentToken, body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0)));
        response.then().statusCode(201);
        String id = response.path("id");
        assertEquals(true, response.header("Location").endsWith("/api/v1/screenings/" + id));
    }

    @Test
    void subjectIdMayBeOmittedOrEqualToTheCallerForSelfSubmissions() {
        submit(studentToken, body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0), "subjectId", student)).then().statusCode(201);
        submit(studentToken, body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0))).then().statusCode(201);
        assertEquals(2, Db.count(db, "SELECT count(*) FROM screening WHERE subject_id = ? AND instrument_code = 'GAD-7'",
                student));
    }

    @Test
    void staffSelfSubmissionIsAboutStaff() {
        String teacher = newPerson("teacher");
        submit(token(teacher, school, "teacher", "staff"), body("STAFF-MONTHLY", answers(4, 4, 4, 4, 4, 4, 4, 4, 4, 4)))
                .then().statusCode(201);
        assertEquals(1, Db.count(db, "SELECT count(*) FROM screening WHERE subject_id = ? AND subject_type = 'STAFF'",
                teacher));
    }

    @Test
    void everyBadItemIsNamed() {
        List<Map<String, Object>> bad = new ArrayList<>(answers(0, 4, 1, 1, 0, 0, 0, 0));
        bad.add(answer(3, 2));      // duplicated
        bad.add(answer(12, 0));     // unknown
        bad.add(answer(10, 1));     // conditional item: asked (total > 0), fine
        submit(studentToken, body("PHQ-9", bad)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", containsString("validation"))
                .body("instance", equalTo("/api/v1/screenings"))
                .body("errors.field", containsInAnyOrder("answers[item=2]", "answers[item=3]", "answers[item=9]",
                        "answers[item=12]"))
                .body("errors.message", hasItem(containsString("OUT_OF_RANGE")))
                .body("errors.message", hasItem(containsString("DUPLICATED")))
                .body("errors.message", hasItem(containsString("MISSING")))
                .body("errors.message", hasItem(containsString("UNKNOWN_ITEM")));
    }

    @Test
    void conditionalItemAnsweredWhenNotAskedIsRefused() {
        List<Map<String, Object>> a = new ArrayList<>(answers(0, 0, 0, 0, 0, 0, 0, 0, 0));
        a.add(answer(10, 2));
        submit(studentToken, body("PHQ-9", a)).then().statusCode(400)
                .body("errors[0].field", equalTo("answers[item=10]"))
                .body("errors[0].message", containsString("NOT_ASKED"));
    }

    @Test
    void wrongInstrumentOrVersionIsNamed() {
        submit(studentToken, body("PHQ-10", answers(0))).then().statusCode(400)
                .body("errors[0].field", equalTo("instrument"));
        submit(studentToken, body("PHQ-9", answers(0), "instrumentVersion", 7)).then().statusCode(400)
                .body("errors[0].field", equalTo("instrumentVersion"));
        // GAD-7's answers sent as PHQ-9: the missing items are named.
        submit(studentToken, body("PHQ-9", answers(0, 0, 0, 0, 0, 0, 0))).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("answers[item=8]", "answers[item=9]"));
    }

    @Test
    void anOlderVersionCanBeNamedAndIsRecorded() {
        String staff = newPerson("staff");
        String t = token(staff, school, "staff");
        submit(t, body("REVERSE-TEST", answers(2, 2, 1, 2), "instrumentVersion", 1)).then().statusCode(201);
        submit(t, body("REVERSE-TEST", answers(2, 2, 1, 2))).then().statusCode(201);
        assertEquals(List.of("1 LOW", "2 MIDDLE"), Db.strings(db, "SELECT instrument_version || ' ' || band"
                + " FROM screening WHERE subject_id = ? ORDER BY instrument_version", staff));
    }

    @Test
    void shapeErrorsAreProblems() {
        List<Map<String, Object>> nullItem = new ArrayList<>(answers(0, 0, 0, 0, 0, 0));
        nullItem.add(answer(null, 0));
        submit(studentToken, body("GAD-7", nullItem)).then().statusCode(400)
                .body("errors.field", hasItem("answers[6].item"));
        submit(studentToken, Map.of("answers", answers(0))).then().statusCode(400)
                .body("errors.field", hasItem("instrument"));
        submit(studentToken, body("GAD-7", null)).then().statusCode(400).body("errors.field", hasItem("answers"));
    }

    @Test
    void malformedBodiesAre400sNot500s() {
        as(studentToken).body("{\"instrument\": \"GAD-7\", \"answers\": [").post("/api/v1/screenings")
                .then().statusCode(400).contentType("application/problem+json");
        as(studentToken).body("{\"instrument\": \"GAD-7\", \"answers\": [], \"score\": 3}").post("/api/v1/screenings")
                .then().statusCode(400).body("errors[0].field", equalTo("score"));
        as(studentToken).body("{\"instrument\": \"GAD-7\", \"answers\": [{\"item\": 1, \"value\": \"two\"}]}")
                .post("/api/v1/screenings").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("answers[0].value"));
        // Exactness: a fraction or a string is not silently turned into an answer.
        as(studentToken).body("{\"instrument\": \"GAD-7\", \"answers\": [{\"item\": 1, \"value\": 1.7}]}")
                .post("/api/v1/screenings").then().statusCode(400).body("errors[0].field", equalTo("answers[0].value"));
        as(studentToken).body("{\"instrument\": \"GAD-7\", \"answers\": [{\"item\": 1, \"value\": \"2\"}]}")
                .post("/api/v1/screenings").then().statusCode(400).body("errors[0].field", equalTo("answers[0].value"));
        as(studentToken).body("{\"instrument\": \"GAD-7\", \"subjectType\": \"PARENT\", \"answers\": []}")
                .post("/api/v1/screenings").then().statusCode(400);
        as(studentToken).contentType(ContentType.TEXT).body("instrument=GAD-7").post("/api/v1/screenings")
                .then().statusCode(415);
        String huge = "{\"instrument\": \"GAD-7\", \"answers\": [], \"pad\": \"" + "x".repeat(300 * 1024) + "\"}";
        as(studentToken).body(huge).post("/api/v1/screenings").then().statusCode(413);
        as(studentToken).body("").post("/api/v1/screenings").then().statusCode(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void idempotentReplayReturnsTheOriginalAndStoresOnce() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> b = body("GAD-7", answers(3, 3, 3, 3, 3, 3, 3), "subjectId", student);
        b.put("answers", new ArrayList<>((List<?>) b.get("answers")));
        ((List<Map<String, Object>>) b.get("answers")).add(answer(8, 2));
        String first = as(studentToken).header("Idempotency-Key", key).body(b).post("/api/v1/screenings")
                .then().statusCode(201).extract().path("id");
        as(studentToken).header("Idempotency-Key", key).body(b).post("/api/v1/screenings")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertEquals(1, Db.count(db, "SELECT count(*) FROM screening WHERE subject_id = ? AND instrument_code = 'GAD-7'"
                + " AND total_score = 21", student));
        assertEquals(1, Db.count(db, "SELECT count(*) FROM outbox_event WHERE event_type = ?"
                + " AND convert_from(payload, 'UTF8') LIKE ?", ScreeningEvents.SUBMITTED, "%" + first + "%"));
        // The same key with another body is refused, and nothing is stored.
        Map<String, Object> other = body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0), "subjectId", student);
        as(studentToken).header("Idempotency-Key", key).body(other).post("/api/v1/screenings")
                .then().statusCode(422).contentType("application/problem+json");
        assertEquals(1, Db.count(db, "SELECT count(*) FROM screening WHERE subject_id = ? AND instrument_code = 'GAD-7'",
                student));
    }

    @Test
    void keysAreScopedPerCaller() {
        String key = UUID.randomUUID().toString();
        String other = newPerson("student");
        as(studentToken).header("Idempotency-Key", key).body(body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0)))
                .post("/api/v1/screenings").then().statusCode(201);
        as(token(other, school, "student")).header("Idempotency-Key", key)
                .body(body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0))).post("/api/v1/screenings")
                .then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void badTokensAre401() {
        var b = body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0));
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(b).post("/api/v1/screenings")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
        TestTokens t = TestTokens.forRole("student").school(school);
        for (String bad : List.of(t.expired(), t.wrongIssuer(), t.wrongAudience(), t.tamperedPayload(), t.algNone(),
                t.hs256WithPublicKey(), t.foreignKeyWithRealKid())) {
            as(bad).body(b).post("/api/v1/screenings").then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void aRememberedTokenVouchesOnlyForItsExactSelf() {
        // A verified token is remembered (VerifiedTokens); its signature reused on raised claims must still fail.
        org.junit.jupiter.api.Assertions.assertInstanceOf(io.heartline.platform.web.VerifiedTokens.class, tokenParser);
        TestTokens t = TestTokens.forRole("student").school(school).issuedAt(java.time.Instant.now());
        String genuine = t.sign();
        var b = body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0));
        as(genuine).body(b).post("/api/v1/screenings").then().statusCode(201);
        as(genuine).body(b).post("/api/v1/screenings").then().statusCode(201);
        String[] parts = genuine.split("\\.");
        java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
        String raised = new String(decoder.decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"groups\":\\[[^]]*]", "\"groups\":[\"psychologist\"]");
        org.junit.jupiter.api.Assertions.assertTrue(raised.contains("psychologist"), raised);
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(raised.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        as(tampered).body(b).post("/api/v1/screenings").then().statusCode(401);
    }

    @Test
    void phqAUsesItsOwnItems() {
        submit(studentToken, body("PHQ-A", phqA(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))).then().statusCode(201);
        submit(studentToken, body("PHQ-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0))).then().statusCode(201);
    }
}
