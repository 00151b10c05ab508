package io.heartline.crisis.cases;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.crisis.support.Crisis;
import io.heartline.platform.testsupport.Sql;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class CrisisReportApiTest {

    static final String DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");

    @Inject
    AgroalDataSource ds;

    final EventTap tap = EventTap.of(Topics.CRISIS);

    @Test
    void aReportOpensACaseWithAFirstContactClockTwoHoursOut() {
        Who teacher = Who.of("teacher", SCHOOL, DISTRICT);
        String subject = Who.unique("student");
        Instant before = TestClock.now();
        var res = teacher.req().body(Crisis.report(subject, "CLASS_TEACHER", before, false))
                .post("/api/v1/crisis-reports").then().statusCode(201).header("Location", notNullValue())
                .body("reportId", notNullValue()).body("receiptCode", notNullValue()).body("lateReport", equalTo(false))
                .extract().jsonPath();
        UUID caseId = UUID.fromString(res.getString("caseId"));
        Instant due = Instant.parse(res.getString("firstContactDueAt"));
        Duration d = Duration.between(before, due);
        assertTrue(d.compareTo(Duration.ofHours(2)) >= 0 && d.compareTo(Duration.ofHours(2).plusSeconds(30)) < 0, d.toString());

        var opened = tap.awaitData("caseId", caseId, 1, Duration.ofSeconds(45));
        assertEquals(EventTypes.Crisis.OPENED, opened.get(0).event().type());
        assertEquals(List.of(), opened.get(0).schemaProblems());
        assertEquals("REPORT", opened.get(0).data("sourceKind"));
        assertEquals(subject, opened.get(0).key());

        // a second report about the same person joins the open case
        UUID second = UUID.fromString(Who.of("staff", SCHOOL, DISTRICT).req()
                .body(Crisis.report(subject, "PEER", TestClock.now(), false)).post("/api/v1/crisis-reports")
                .then().statusCode(201).extract().path("caseId"));
        assertEquals(caseId, second);
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM crisis_case WHERE subject_id = ?", subject));
        assertEquals(2, Sql.count(ds, "SELECT count(*) FROM case_source WHERE case_id = ?", caseId));
    }

    @Test
    void aDepartmentHeadReportingMoreThanThirtyMinutesAfterNoticingIsLate() {
        Who head = Who.of("staff", SCHOOL, DISTRICT);
        Map<String, Object> late = Crisis.report(Who.unique("student"), "DEPARTMENT_HEAD",
                TestClock.now().minus(Duration.ofMinutes(45)), false);
        head.req().body(late).post("/api/v1/crisis-reports").then().statusCode(201).body("lateReport", equalTo(true));
        Map<String, Object> onTime = Crisis.report(Who.unique("student"), "DEPARTMENT_HEAD",
                TestClock.now().minus(Duration.ofMinutes(20)), false);
        head.req().body(onTime).post("/api/v1/crisis-reports").then().statusCode(201).body("lateReport", equalTo(false));
        // other channels are never late
        Map<String, Object> peer = Crisis.report(Who.unique("student"), "PEER", TestClock.now().minus(Duration.ofHours(5)),
                false);
        head.req().body(peer).post("/api/v1/crisis-reports").then().statusCode(201).body("lateReport", equalTo(false));
    }

    @Test
    void anAnonymousReporterIsNowhere() {
        Who student = Who.of("student", SCHOOL, DISTRICT);
        String subject = Who.unique("student");
        UUID caseId = UUID.fromString(student.req().header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Crisis.report(subject, "ONLINE", TestClock.now(), true)).post("/api/v1/crisis-reports")
                .then().statusCode(201).extract().path("caseId"));
        tap.awaitData("caseId", caseId, 1, Duration.ofSeconds(45));
        for (String table : List.of("crisis_case", "crisis_report", "case_entry", "case_source", "case_clock",
                "idempotency_record", "audit_record", "outbox_event")) {
            assertEquals(0, Sql.count(ds, "SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?",
                    "%" + student.sub() + "%"), table);
        }
        assertTrue(tap.all().stream().noneMatch(s -> new String(s.raw()).contains(student.sub())));
    }

    @Test
    void theReceiptCodeAddsInformationLaterWithoutNamingAnAnonymousReporter() {
        Who student = Who.of("student", SCHOOL, DISTRICT);
        var receipt = student.req().body(Crisis.report(Who.unique("student"), "ONLINE", TestClock.now(), true))
                .post("/api/v1/crisis-reports").then().statusCode(201).extract().jsonPath();
        String code = receipt.getString("receiptCode");
        student.req().body(Map.of("indicators", List.of("BEHAVIOUR_SUDDEN_ABSENCE"), "note", "also skipped class"))
                .post("/api/v1/crisis-reports/" + code + "/additions").then().statusCode(201);
        student.req().body(Map.of("indicators", List.of("NOPE")))
                .post("/api/v1/crisis-reports/" + code + "/additions").then().statusCode(400);
        // another school (same id, other district) cannot use the code
        Who.of("student", SCHOOL, Who.unique("district")).req().body(Map.of("note", "x"))
                .post("/api/v1/crisis-reports/" + code + "/additions").then().statusCode(404);
        UUID caseId = UUID.fromString(receipt.getString("caseId"));
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM case_entry WHERE case_id = ? AND kind = 'REPORT_ADDITION'"
                + " AND actor IS NULL", caseId));
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM case_entry e WHERE e::text LIKE ?", "%" + student.sub() + "%"));
    }

    @Test
    void idempotencyKeyReplaysAndRefusesAnotherBody() {
        Who teacher = Who.of("teacher", SCHOOL, DISTRICT);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Crisis.report(Who.unique("student"), "CLASS_TEACHER", TestClock.now(), false);
        String first = teacher.req().header("Idempotency-Key", key).body(body).post("/api/v1/crisis-reports").then()
                .statusCode(201).extract().path("reportId");
        teacher.req().header("Idempotency-Key", key).body(body).post("/api/v1/crisis-reports").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("reportId", equalTo(first));
        body.put("channel", "PEER");
        teacher.req().header("Idempotency-Key", key).body(body).post("/api/v1/crisis-reports").then().statusCode(422);
    }

    @Test
    void invalidReportsAre400ProblemsNamingTheField() {
        Who teacher = Who.of("teacher", SCHOOL, DISTRICT);
        Map<String, Object> bad = Crisis.report(Who.unique("student"), "CLASS_TEACHER", TestClock.now(), false);
        bad.put("indicators", List.of("EMOTION_LOW_MOOD", "FEELS_SAD"));
        teacher.req().body(bad).post("/api/v1/crisis-reports").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("indicators[1]"));

        Map<String, Object> noSubject = Crisis.report(" ", "CLASS_TEACHER", TestClock.now(), false);
        teacher.req().body(noSubject).post("/api/v1/crisis-reports").then().statusCode(400)
                .body("errors.field", hasItem("subjectId"));

        Map<String, Object> headWithoutNoticed = Crisis.report(Who.unique("student"), "DEPARTMENT_HEAD",
                TestClock.now(), false);
        headWithoutNoticed.remove("noticedAt");
        teacher.req().body(headWithoutNoticed).post("/api/v1/crisis-reports").then().statusCode(400)
                .body("errors.field", hasItem("noticedAt"));

        Map<String, Object> future = Crisis.report(Who.unique("student"), "PEER", TestClock.now().plusSeconds(3600),
                false);
        teacher.req().body(future).post("/api/v1/crisis-reports").then().statusCode(400);

        Map<String, Object> unknownField = Crisis.report(Who.unique("student"), "PEER", TestClock.now(), false);
        unknownField.put("school", "elsewhere");
        teacher.req().body(unknownField).post("/api/v1/crisis-reports").then().statusCode(400);

        teacher.req().body("{not json").post("/api/v1/crisis-reports").then().statusCode(400);
        Map<String, Object> badChannel = Crisis.report(Who.unique("student"), "CARRIER_PIGEON", TestClock.now(), false);
        teacher.req().body(badChannel).post("/api/v1/crisis-reports").then().statusCode(400);
        assertFalse(Sql.count(ds, "SELECT count(*) FROM crisis_case WHERE subject_id = ' '") > 0);
    }

    @Test
    void withoutATokenOrWithoutASchool() {
        given().contentType(ContentType.JSON).body(Crisis.report("x", "PEER", TestClock.now(), false))
                .post("/api/v1/crisis-reports").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forRole("teacher").school(SCHOOL).district(DISTRICT).expired())
                .contentType(ContentType.JSON).body(Crisis.report("x", "PEER", TestClock.now(), false))
                .post("/api/v1/crisis-reports").then().statusCode(401);
        Who.districtLevel("district-admin", DISTRICT).req().body(Crisis.report("x", "PEER", TestClock.now(), false))
                .post("/api/v1/crisis-reports").then().statusCode(403);
        Who.of("hr-sync", SCHOOL, DISTRICT).req().body(Crisis.report("x", "PEER", TestClock.now(), false))
                .post("/api/v1/crisis-reports").then().statusCode(403);
    }
}
