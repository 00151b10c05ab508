package io.heartline.referral.referral;

import static io.heartline.referral.support.Referrals.FREE_TEXT;
import static io.heartline.referral.support.Referrals.body;
import static io.heartline.referral.support.Referrals.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.heartline.platform.testsupport.Sql;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Creating, reading and listing referrals: success, validation, idempotency, authentication and audit. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class ReferralApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String school = Who.unique("school");
    private final String district = Who.unique("district");
    private final Who teacher = Who.of("teacher", school, district);
    private final Who psychologist = Who.of("psychologist", school, district);
    private final Who schoolAdmin = Who.of("school-admin", school, district);

    @Inject
    AgroalDataSource db;

    @Test
    void aTeachersReferralIsRoutedAndAnswers201WithLocation() {
        String subject = Who.unique("student");
        Instant before = Instant.now();
        Response r = teacher.req().body(body(subject, "TEACHER_OBSERVATION", "ROUTINE")).post("/api/v1/referrals");
        r.then().statusCode(201)
                .header("Location", endsWith("/api/v1/referrals/" + r.path("id")))
                .body("subjectId", equalTo(subject))
                .body("tier", equalTo("SCHOOL_PSYCHOLOGIST")) // no default rule matches: fallback
                .body("status", equalTo("PENDING"))
                .body("source", equalTo("TEACHER_OBSERVATION"))
                .body("urgency", equalTo("ROUTINE"));
        Instant due = Instant.parse(r.path("dueAt"));
        assertTrue(!due.isBefore(before.plus(Duration.ofHours(24)))
                && due.isBefore(Instant.now().plus(Duration.ofHours(24))), "due in 24 h: " + due);

        UUID id = UUID.fromString(r.path("id"));
        EventTap.Seen created = EventTap.of(Topics.REFERRAL).awaitData("referralId", id, 1, PATIENCE).get(0);
        assertEquals("heartline.referral.created.v1", created.event().type());
        assertEquals(List.of(), created.schemaProblems());
        assertEquals(subject, created.key(), "keyed by subject");
        assertEquals(school, created.event().school());
        assertEquals(district, created.event().district());
        assertEquals("SCHOOL_PSYCHOLOGIST", created.data("tier"));
        assertEquals("PENDING", created.data("status"));
        assertEquals("MANUAL", created.data("reasonCode"));
        assertEquals("TEACHER_OBSERVATION", created.data("source"));
        assertEquals(due, Instant.parse(created.data("dueAt")));
        assertFalse(new String(created.raw()).contains(FREE_TEXT), "no free text in events");
    }

    @Test
    void anEmergencyGoesToTheSchoolCentreWithinTwoHoursAndSubscribersLearnAtOnce() {
        EventTap tap = EventTap.of(Topics.REFERRAL);
        long t0 = System.nanoTime();
        Response r = psychologist.req().body(body(Who.unique("student"), "GUARDIAN", "EMERGENCY"))
                .post("/api/v1/referrals");
        r.then().statusCode(201).body("tier", equalTo("SCHOOL_CENTRE"));
        Duration window = Duration.between(Instant.parse(r.path("createdAt")), Instant.parse(r.path("dueAt")));
        assertEquals(Duration.ofHours(2), window);
        EventTap.Seen created = tap.awaitData("referralId", UUID.fromString(r.path("id")), 1, PATIENCE).get(0);
        assertEquals("EMERGENCY", created.data("urgency"));
        long visibleMs = (created.receivedNanos() - t0) / 1_000_000;
        System.out.printf("EMERGENCY referral visible to a subscriber %d ms after the request started%n", visibleMs);
        // The benchmark measures this properly (p50 ~25 ms); here only a bound that a loaded machine still meets.
        assertTrue(visibleMs < 5_000, visibleMs + " ms");
    }

    @Test
    void invalidBodiesAre400ProblemsNamingTheFields() {
        teacher.req().body(Map.of()).post("/api/v1/referrals").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("subjectId", "subjectType", "source", "urgency", "reason"));
        Map<String, Object> unknown = body("s-1", "PEER", "ROUTINE");
        unknown.put("school", "someone-elses");
        teacher.req().body(unknown).post("/api/v1/referrals").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("school"));
        Map<String, Object> badEnum = body("s-1", "PEER", "SOONISH");
        teacher.req().body(badEnum).post("/api/v1/referrals").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("urgency"));
        teacher.req().body("{\"subjectId\": ").post("/api/v1/referrals").then().statusCode(400)
                .contentType("application/problem+json");
        teacher.req().body(body("s-1", "SCREENING", "ROUTINE")).post("/api/v1/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("source"));
        Map<String, Object> longReason = body("s-1", "PEER", "ROUTINE");
        longReason.put("reason", "x".repeat(2001));
        teacher.req().body(longReason).post("/api/v1/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        teacher.req().post("/api/v1/referrals").then().statusCode(400);
        teacher.req().contentType(ContentType.TEXT).body("hello").post("/api/v1/referrals").then().statusCode(415);
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM referral WHERE subject_id = 's-1'"));
    }

    @Test
    void aStudentRefersOnlyThemselves() {
        Who student = Who.of("student", school, district);
        Map<String, Object> self = body(student.sub(), "SELF", "URGENT");
        student.req().body(self).post("/api/v1/referrals").then().statusCode(201).body("tier",
                equalTo("SCHOOL_PSYCHOLOGIST"));
        student.req().body(body(Who.unique("friend"), "SELF", "URGENT")).post("/api/v1/referrals").then()
                .statusCode(403).contentType("application/problem+json");
        student.req().body(body(student.sub(), "PEER", "URGENT")).post("/api/v1/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("source"));
        // students never read referrals, not even their own
        student.req().get("/api/v1/referrals").then().statusCode(403);
    }

    @Test
    void callersWhoMayNotCreateAreRefused() {
        Map<String, Object> b = body(Who.unique("student"), "PEER", "ROUTINE");
        Who.of("staff", school, district).req().body(b).post("/api/v1/referrals").then().statusCode(403);
        Who.of("hr-sync", school, district).req().body(b).post("/api/v1/referrals").then().statusCode(403);
        Who.districtLevel("district-admin", district).req().body(b).post("/api/v1/referrals").then().statusCode(403);
        given().contentType(ContentType.JSON).body(b).post("/api/v1/referrals").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer")).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forRole("teacher").school(school).expired()).contentType(ContentType.JSON)
                .body(b).post("/api/v1/referrals").then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole("teacher").school(school).wrongAudience())
                .contentType(ContentType.JSON).body(b).post("/api/v1/referrals").then().statusCode(401);
        given().auth().oauth2(TestTokens.forRole("teacher").school(school).tamperedPayload())
                .contentType(ContentType.JSON).body(b).post("/api/v1/referrals").then().statusCode(401);
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM referral WHERE subject_id = ?", b.get("subjectId")));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        String subject = Who.unique("student");
        String key = UUID.randomUUID().toString();
        Map<String, Object> b = body(subject, "PEER", "ROUTINE");
        Response first = teacher.req().header("Idempotency-Key", key).body(b).post("/api/v1/referrals");
        first.then().statusCode(201);
        Response again = teacher.req().header("Idempotency-Key", key).body(b).post("/api/v1/referrals");
        again.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", equalTo(first.header("Location")))
                .body("id", equalTo(first.path("id")));
        Map<String, Object> other = body(subject, "PEER", "URGENT");
        teacher.req().header("Idempotency-Key", key).body(other).post("/api/v1/referrals").then().statusCode(422)
                .contentType("application/problem+json");
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM referral WHERE subject_id = ?", subject));
        // the same key from another caller is another request
        psychologist.req().header("Idempotency-Key", key).body(b).post("/api/v1/referrals").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        assertEquals(2, Sql.count(db, "SELECT count(*) FROM referral WHERE subject_id = ?", subject));
        UUID id = UUID.fromString(first.path("id"));
        EventTap.of(Topics.REFERRAL).awaitData("referralId", id, 1, PATIENCE);
        assertEquals(1, EventTap.of(Topics.REFERRAL).forData("referralId", id).size(), "one created event, not two");
    }

    @Test
    void aPsychologistsFullViewIsAuditedAndSchoolLeadershipSeesNoSensitiveContent() {
        String subject = Who.unique("student");
        UUID id = create(teacher, subject, "TEACHER_OBSERVATION", "URGENT");
        long audits = Sql.count(db, "SELECT count(*) FROM audit_record WHERE record_id = ?", id.toString());
        assertEquals(0, audits);

        JsonPath full = psychologist.req().get("/api/v1/referrals/" + id).then().statusCode(200)
                .body("reason", containsString(FREE_TEXT))
                .body("history[0].to", equalTo("PENDING"))
                .body("history[0].actor", equalTo(teacher.sub()))
                .body("history[0].reasonCode", equalTo("MANUAL"))
                .body("history[0].reason", containsString(FREE_TEXT))
                .body("stages[0].tier", equalTo("SCHOOL_PSYCHOLOGIST"))
                .body("routedBy", equalTo("FALLBACK"))
                .extract().jsonPath();
        assertEquals(subject, full.getString("subjectId"));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM audit_record WHERE record_id = ? AND actor = ? "
                + "AND actor_role = 'psychologist' AND endpoint = 'GET /api/v1/referrals/{id}' AND subject_id = ?",
                id.toString(), psychologist.sub(), subject));

        String standard = schoolAdmin.req().get("/api/v1/referrals/" + id).then().statusCode(200)
                .body("tier", equalTo("SCHOOL_PSYCHOLOGIST"))
                .body("history[0].reasonCode", equalTo("MANUAL"))
                .body("reason", nullValue()).body("history[0].reason", nullValue())
                .body("riskLevel", nullValue()).body("flags", nullValue()).body("screeningId", nullValue())
                .extract().asString();
        assertFalse(standard.contains(FREE_TEXT), standard);
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM audit_record WHERE record_id = ?", id.toString()),
                "the standard view holds nothing sensitive, so it is not audited");
    }

    @Test
    void listsAreScopedNewestFirstFilteredAndPaged() {
        String mySchool = Who.unique("school");
        Who psy = Who.of("psychologist", mySchool, district);
        String subject = Who.unique("student");
        UUID first = create(psy, subject, "PEER", "ROUTINE");
        UUID second = create(psy, Who.unique("student"), "PEER", "EMERGENCY");
        UUID third = create(psy, Who.unique("student"), "GUARDIAN", "URGENT");
        create(psychologist, Who.unique("student"), "PEER", "ROUTINE"); // another school

        JsonPath all = psy.req().get("/api/v1/referrals").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(third.toString(), second.toString(), first.toString()), all.getList("items.id"));
        assertNull(all.getString("nextCursor"));
        List<Map<String, Object>> items = all.getList("items");
        items.forEach(i -> assertFalse(i.containsKey("reason") || i.containsKey("riskLevel") || i.containsKey("flags"),
                "list items carry nothing sensitive: " + i));

        JsonPath page1 = psy.req().queryParam("limit", 2).get("/api/v1/referrals").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(third.toString(), second.toString()), page1.getList("items.id"));
        JsonPath page2 = psy.req().queryParam("limit", 2).queryParam("cursor", page1.getString("nextCursor"))
                .get("/api/v1/referrals").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(first.toString()), page2.getList("items.id"));
        assertNull(page2.getString("nextCursor"));

        psy.req().queryParam("tier", "SCHOOL_CENTRE").get("/api/v1/referrals").then().statusCode(200)
                .body("items.id", equalTo(List.of(second.toString())));
        psy.req().queryParam("subjectId", subject).get("/api/v1/referrals").then().statusCode(200)
                .body("items.id", equalTo(List.of(first.toString())));
        psy.req().queryParam("status", "ACCEPTED").get("/api/v1/referrals").then().statusCode(200)
                .body("items.size()", equalTo(0));
        psy.req().queryParam("status", "WAITING").get("/api/v1/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        psy.req().queryParam("tier", "NURSE").get("/api/v1/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("tier"));
        psy.req().queryParam("limit", 0).get("/api/v1/referrals").then().statusCode(400);
        psy.req().queryParam("limit", 201).get("/api/v1/referrals").then().statusCode(400);
        psy.req().queryParam("limit", "ten").get("/api/v1/referrals").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        psy.req().queryParam("cursor", "not-a-cursor").get("/api/v1/referrals").then().statusCode(400);
    }

    @Test
    void unknownOrMalformedIdsAre404() {
        psychologist.req().get("/api/v1/referrals/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        psychologist.req().get("/api/v1/referrals/not-a-uuid").then().statusCode(404);
        psychologist.req().post("/api/v1/referrals/" + UUID.randomUUID() + "/accept").then().statusCode(404);
    }

    @Test
    void requestIdsAreEchoedAndCarriedToTheEvent() {
        String subject = Who.unique("student");
        Response r = teacher.req().header("X-Request-Id", "req-" + subject)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .body(body(subject, "PEER", "ROUTINE")).post("/api/v1/referrals");
        r.then().statusCode(201).header("X-Request-Id", "req-" + subject);
        EventTap.Seen created = EventTap.of(Topics.REFERRAL).awaitData("referralId", UUID.fromString(r.path("id")), 1,
                PATIENCE).get(0);
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", created.event().traceparent());
    }

    @Test
    void openApiAndHealthAreServed() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/referrals/{id}/escalate"))
                .body(containsString("/api/v1/routing-rules"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("heartline_referral_sla_overdue"), "SLA gauge");
        assertTrue(metrics.contains("heartline_outbox_pending"), "outbox backlog gauge");
    }
}
