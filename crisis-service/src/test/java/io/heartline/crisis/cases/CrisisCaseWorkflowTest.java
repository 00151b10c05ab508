package io.heartline.crisis.cases;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.Feeds;
import io.heartline.platform.testsupport.Sql;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class CrisisCaseWorkflowTest {

    static final String DISTRICT = Who.unique("district");
    static final String OTHER_DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");

    @Inject
    AgroalDataSource ds;

    final EventTap tap = EventTap.of(Topics.CRISIS);
    final Who psych = Who.of("psychologist", SCHOOL, DISTRICT);
    final Who teacher = Who.of("teacher", SCHOOL, DISTRICT);

    @Test
    void aCaseFromReportToClosureAndBack() {
        String subject = Who.unique("student");
        UUID id = Crisis.openCase(teacher, subject);

        // triage before contact is illegal
        assertEquals("ILLEGAL_TRANSITION", Crisis.conflict(psych, id, "triage", Crisis.triage(1, 1, 1, null)));

        assertEquals("CONTACTED", Crisis.act(psych, id, "contact", Crisis.contact(), 200).getString("status"));
        var triaged = Crisis.act(psych, id, "triage", Crisis.triage(2, 2, 2, null), 200);
        assertEquals("TRIAGED", triaged.getString("status"));
        assertEquals("MAJOR", triaged.getString("level"));
        assertEquals("MAJOR", triaged.getString("suggestedLevel"));

        // the psychologist grades higher than suggested: both recorded, level-changed published
        var regraded = Crisis.act(psych, id, "triage", Crisis.triage(2, 2, 2, "EXTREME"), 200);
        assertEquals("EXTREME", regraded.getString("level"));
        assertEquals("MAJOR", regraded.getString("suggestedLevel"));

        Crisis.act(psych, id, "actions", Map.of("kind", "SESSION", "at", TestClock.now().toString(), "note",
                Crisis.CANARY + " session"), 200);
        Crisis.act(psych, id, "follow-up-plan", Map.of("weeks", 4), 200);
        var checked = Crisis.act(psych, id, "check-ins", Map.of("at", TestClock.now().toString(), "note",
                Crisis.CANARY + " better"), 200);
        assertEquals("FOLLOW_UP", checked.getString("status"));

        // close needs a review
        psych.req().body(Map.of("outcome", "RECOVERED")).post("/api/v1/crisis-cases/" + id + "/close").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("review"));
        Crisis.act(psych, id, "close", Map.of("outcome", "RECOVERED", "review", Map.of("wentWell",
                Crisis.CANARY + " fast contact", "toChange", Crisis.CANARY + " earlier family call")), 200);
        assertEquals("ILLEGAL_TRANSITION", Crisis.conflict(psych, id, "contact", Crisis.contact()));
        var reopened = Crisis.act(psych, id, "reopen", Map.of("reason", Crisis.CANARY + " relapse"), 200);
        assertEquals("TRIAGED", reopened.getString("status"));
        assertEquals("ILLEGAL_TRANSITION", Crisis.conflict(psych, id, "reopen", Map.of("reason", "again")));

        var events = tap.await(s -> id.toString().equals(s.data("caseId")), 7, Duration.ofSeconds(45));
        List<String> types = EventTap.types(events);
        assertEquals(List.of(EventTypes.Crisis.OPENED, EventTypes.Crisis.CONTACTED, EventTypes.Crisis.TRIAGED,
                EventTypes.Crisis.TRIAGED, EventTypes.Crisis.LEVEL_CHANGED, EventTypes.Crisis.CLOSED,
                EventTypes.Crisis.REOPENED), types);
        for (var e : events) {
            assertEquals(List.of(), e.schemaProblems(), e.event().type());
            assertFalse(new String(e.raw()).contains(Crisis.CANARY), e.event().type());
        }

        // the detail: notes for the psychologist, audited; never notes in the audit
        var detail = Crisis.get(psych, id);
        assertEquals("FULL", detail.getString("view"));
        assertEquals(2, detail.getInt("factors.impact"));
        assertTrue(detail.getList("timeline.note").stream().anyMatch(n -> n != null && n.toString().contains(Crisis.CANARY)));
        assertEquals(1, detail.getInt("reopenCount"));
        assertTrue(Sql.count(ds, "SELECT count(*) FROM audit_record WHERE record_id = ? AND actor = ?", id.toString(),
                psych.sub()) >= 1);
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM audit_record a WHERE a::text LIKE ?", "%" + Crisis.CANARY + "%"));

        // the school's admin sees who read the person's crisis records; another district's admin does not
        var audit = Who.of("school-admin", SCHOOL, DISTRICT).req().get("/api/v1/audit?subjectId=" + subject).then()
                .statusCode(200).extract().jsonPath();
        assertTrue(audit.getList("items.actor").contains(psych.sub()));
        assertEquals(List.of("crisis-case"), audit.getList("items.recordType").stream().distinct().toList());
        assertEquals(0, Who.of("school-admin", SCHOOL, OTHER_DISTRICT).req().get("/api/v1/audit?subjectId=" + subject)
                .then().statusCode(200).extract().jsonPath().getList("items").size());
        Who.of("school-admin", SCHOOL, DISTRICT).req().get("/api/v1/audit").then().statusCode(400);
        psych.req().get("/api/v1/audit?subjectId=" + subject).then().statusCode(403);
    }

    @Test
    void opened_event_carries_indicator_codes_only() {
        UUID id = Crisis.openCase(teacher, Who.unique("student"));
        var opened = tap.awaitData("caseId", id, 1, Duration.ofSeconds(45)).get(0);
        assertFalse(new String(opened.raw()).contains(Crisis.CANARY));
        assertTrue(new String(opened.raw()).contains("EMOTION_LOW_MOOD"));
    }

    @Test
    void theLeadNeedsAValidCrisisInterventionQualification() {
        UUID id = Crisis.openCase(teacher, Who.unique("student"));
        String qualified = Who.unique("psy");
        String expired = Who.unique("psy");
        String otherKind = Who.unique("psy");
        assertEquals("LEAD_NOT_QUALIFIED", Crisis.conflict(psych, id, "lead", Map.of("personId", qualified)));

        Instant now = TestClock.now();
        Feeds.send(Feeds.certified(qualified, DISTRICT, "CRISIS_INTERVENTION", now.minus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(700))));
        Feeds.send(Feeds.certified(expired, DISTRICT, "CRISIS_INTERVENTION", now.minus(Duration.ofDays(1200)),
                now.minus(Duration.ofDays(1))));
        Feeds.send(Feeds.certified(otherKind, DISTRICT, "COURSE_PASS", now.minus(Duration.ofDays(3)), null));
        Awaitility.await().atMost(Duration.ofSeconds(45))
                .until(() -> Sql.count(ds, "SELECT count(*) FROM qualification WHERE person_id IN (?, ?, ?)",
                        qualified, expired, otherKind) == 3);

        assertEquals("LEAD_NOT_QUALIFIED", Crisis.conflict(psych, id, "lead", Map.of("personId", expired)));
        assertEquals("LEAD_NOT_QUALIFIED", Crisis.conflict(psych, id, "lead", Map.of("personId", otherKind)));
        Crisis.act(Who.of("school-admin", SCHOOL, DISTRICT), id, "lead", Map.of("personId", qualified), 200);
        assertEquals(qualified, Crisis.get(psych, id).getString("leadId"));
        // once the directory knows people, a qualified class teacher (not psychology staff) is refused
        String classTeacher = Who.unique("ct");
        String psychologist = Who.unique("psy");
        Feeds.send(Feeds.certified(classTeacher, DISTRICT, "CRISIS_INTERVENTION", now.minus(Duration.ofDays(3)), null));
        Feeds.send(Feeds.certified(psychologist, DISTRICT, "CRISIS_INTERVENTION", now.minus(Duration.ofDays(3)), null));
        Feeds.send(Feeds.person(EventTypes.Training.PERSON_ACTIVATED, classTeacher, DISTRICT, SCHOOL, "CLASS_TEACHER"));
        Feeds.send(Feeds.person(EventTypes.Training.PERSON_ACTIVATED, psychologist, DISTRICT, SCHOOL,
                "PSYCHOLOGY_TEACHER"));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM directory_role WHERE person_id IN (?, ?)", classTeacher, psychologist) == 2
                && Sql.count(ds, "SELECT count(*) FROM qualification WHERE person_id IN (?, ?)", classTeacher,
                        psychologist) == 2);
        assertEquals("LEAD_NOT_PSYCHOLOGY_STAFF", Crisis.conflict(psych, id, "lead", Map.of("personId", classTeacher)));
        Crisis.act(psych, id, "lead", Map.of("personId", psychologist), 200);
        Feeds.send(Feeds.person(EventTypes.Training.PERSON_DEACTIVATED, psychologist, DISTRICT, SCHOOL, null));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM directory_person WHERE person_id = ? AND NOT active", psychologist) == 1);
        assertEquals("LEAD_NOT_PSYCHOLOGY_STAFF", Crisis.conflict(psych, id, "lead", Map.of("personId", psychologist)));
        // a qualification of another district does not count
        UUID elsewhere = Crisis.openCase(Who.of("teacher", SCHOOL, OTHER_DISTRICT), Who.unique("student"));
        assertEquals("LEAD_NOT_QUALIFIED", Crisis.conflict(Who.of("psychologist", SCHOOL, OTHER_DISTRICT), elsewhere,
                "lead", Map.of("personId", qualified)));
    }

    @Test
    void anExtremeCaseGetsATeamAndAWatchWhoseGapsAreRaised() {
        String subject = Who.unique("student");
        UUID id = Crisis.openCase(teacher, subject);
        Crisis.act(psych, id, "contact", Crisis.contact(), 200);
        Crisis.act(psych, id, "triage", Crisis.triage(1, 1, 1, null), 200);
        // a GENERAL case has no team
        assertEquals("LEVEL_NOT_EXTREME", Crisis.conflict(psych, id, "team",
                Map.of("members", List.of(Map.of("role", "PRINCIPAL", "personId", "p-1")))));
        Crisis.act(psych, id, "triage", Crisis.triage(3, 3, 2, null), 200);
        Who doctor = Who.of("staff", SCHOOL, DISTRICT);
        Crisis.act(Who.of("school-admin", SCHOOL, DISTRICT), id, "team", Map.of("members", List.of(
                Map.of("role", "PRINCIPAL", "personId", Who.unique("principal")),
                Map.of("role", "SCHOOL_DOCTOR", "personId", doctor.sub()))), 200);
        // once the directory knows a person, they must hold the place's role at the case's school
        String teacherNotDoctor = Who.unique("ct");
        String realDoctor = Who.unique("doc");
        Feeds.send(Feeds.person(EventTypes.Training.PERSON_ACTIVATED, teacherNotDoctor, DISTRICT, SCHOOL,
                "CLASS_TEACHER"));
        Feeds.send(Feeds.person(EventTypes.Training.PERSON_ACTIVATED, realDoctor, DISTRICT, SCHOOL, "SCHOOL_DOCTOR"));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM directory_role WHERE person_id IN (?, ?)", teacherNotDoctor, realDoctor) == 2);
        JsonPath refused = Crisis.act(psych, id, "team", Map.of("members", List.of(
                Map.of("role", "SCHOOL_DOCTOR", "personId", teacherNotDoctor))), 409);
        assertEquals("MEMBER_NOT_IN_ROLE", refused.getString("reason"));
        assertEquals("members[0].personId", refused.getString("errors[0].field"));
        Crisis.act(psych, id, "team", Map.of("members", List.of(
                Map.of("role", "SCHOOL_DOCTOR", "personId", realDoctor))), 200);
        Crisis.act(psych, id, "team", Map.of("members", List.of(
                Map.of("role", "SCHOOL_DOCTOR", "personId", doctor.sub()))), 200);
        // a member of the team reads the notes (audited) and logs watch shifts; another staff member cannot
        assertEquals("FULL", Crisis.get(doctor, id).getString("view"));
        Who stranger = Who.of("staff", SCHOOL, DISTRICT);
        stranger.req().get("/api/v1/crisis-cases/" + id).then().statusCode(404);

        // planned ahead, so that no sweep breaches a watch clock while the test runs
        Instant t0 = TestClock.now().plus(Duration.ofHours(1));
        Crisis.act(doctor, id, "watch-shifts", Map.of("watcherId", "w-1", "from", t0.toString(), "to",
                t0.plus(Duration.ofHours(2)).toString()), 200);
        // handed over 5 minutes later: within the 10-minute allowance
        Crisis.act(doctor, id, "watch-shifts", Map.of("watcherId", "w-2", "from",
                t0.plus(Duration.ofMinutes(125)).toString(), "to", t0.plus(Duration.ofHours(4)).toString()), 200);
        // 30 minutes uncovered
        Crisis.act(psych, id, "watch-shifts", Map.of("watcherId", "w-3", "from",
                t0.plus(Duration.ofMinutes(270)).toString(), "to", t0.plus(Duration.ofHours(7)).toString()),
                200);
        stranger.req().body(Map.of("watcherId", "w-4", "from", TestClock.now().toString(), "to",
                TestClock.now().plus(Duration.ofHours(1)).toString())).post("/api/v1/crisis-cases/" + id + "/watch-shifts")
                .then().statusCode(404);
        // a shift that ends before it starts
        psych.req().body(Map.of("watcherId", "w-5", "from", TestClock.now().toString(), "to",
                TestClock.now().minusSeconds(60).toString())).post("/api/v1/crisis-cases/" + id + "/watch-shifts")
                .then().statusCode(400);

        var gaps = tap.await(s -> id.toString().equals(s.data("caseId"))
                && EventTypes.Crisis.WATCH_GAP.equals(s.event().type()), 1, Duration.ofSeconds(45));
        assertEquals(1, gaps.size());
        assertEquals("30", gaps.get(0).data("gapMinutes"));
        assertEquals(List.of(), gaps.get(0).schemaProblems());
        assertEquals(3, Crisis.get(psych, id).getList("watch").size());
    }

    @Test
    void scopeRolesAndViews() {
        UUID id = Crisis.openCase(teacher, Who.unique("student"));
        // the same school id in another district is another school
        Who foreignPsych = Who.of("psychologist", SCHOOL, OTHER_DISTRICT);
        foreignPsych.req().get("/api/v1/crisis-cases/" + id).then().statusCode(404);
        foreignPsych.req().body(Crisis.contact()).post("/api/v1/crisis-cases/" + id + "/contact").then().statusCode(404);
        Who.of("psychologist", Who.unique("school"), DISTRICT).req().get("/api/v1/crisis-cases/" + id).then()
                .statusCode(404);
        psych.req().get("/api/v1/crisis-cases/" + UUID.randomUUID()).then().statusCode(404);
        psych.req().get("/api/v1/crisis-cases/not-a-uuid").then().statusCode(404);
        // roles that may never act
        teacher.req().body(Crisis.contact()).post("/api/v1/crisis-cases/" + id + "/contact").then().statusCode(403);
        Who.of("student", SCHOOL, DISTRICT).req().get("/api/v1/crisis-cases/" + id).then().statusCode(403);
        teacher.req().get("/api/v1/crisis-cases").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/crisis-cases/" + id).then().statusCode(401);
        // a teacher (not on the team) never sees the case
        teacher.req().get("/api/v1/crisis-cases/" + id).then().statusCode(404);

        // district-admin: only EXTREME or breached cases, without notes or factors
        Who district = Who.districtLevel("district-admin", DISTRICT);
        district.req().get("/api/v1/crisis-cases/" + id).then().statusCode(404);
        Crisis.act(psych, id, "contact", Crisis.contact(), 200);
        Crisis.act(psych, id, "triage", Crisis.triage(3, 3, 3, null), 200);
        var view = district.req().get("/api/v1/crisis-cases/" + id).then().statusCode(200)
                .body("view", equalTo("OVERSIGHT")).body("factors", nullValue()).extract().jsonPath();
        assertTrue(view.getList("timeline.note").stream().allMatch(n -> n == null));
        assertFalse(view.prettify().contains(Crisis.CANARY));
        assertTrue(Sql.count(ds, "SELECT count(*) FROM audit_record WHERE record_id = ? AND actor = ?", id.toString(),
                district.sub()) == 1);
        var list = district.req().get("/api/v1/crisis-cases?level=EXTREME").then().statusCode(200).extract().jsonPath();
        assertTrue(list.getList("items.id").contains(id.toString()));
    }

    @Test
    void aDepartmentHeadSeesTheTaskHandedToThemAndNoNotes() {
        UUID id = Crisis.openCase(teacher, Who.unique("student"));
        Who head = Who.of("staff", SCHOOL, DISTRICT);
        Crisis.act(psych, id, "actions", Map.of("kind", "WORKLOAD_RELIEF", "at", TestClock.now().toString(),
                "note", Crisis.CANARY + " exams postponed", "assigneeId", head.sub(),
                "dueAt", TestClock.now().plus(Duration.ofDays(1)).toString()), 200);
        var tasks = head.req().get("/api/v1/crisis-tasks").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("WORKLOAD_RELIEF"), tasks.getList("items.kind"));
        assertEquals(id.toString(), tasks.getString("items[0].caseId"));
        assertFalse(tasks.prettify().contains(Crisis.CANARY));
        String taskId = tasks.getString("items[0].id");
        // nobody else sees or completes it; the head still cannot read the case
        assertEquals(0, teacher.req().get("/api/v1/crisis-tasks").then().statusCode(200).extract().jsonPath()
                .getList("items").size());
        teacher.req().post("/api/v1/crisis-tasks/" + taskId + "/done").then().statusCode(404);
        head.req().get("/api/v1/crisis-cases/" + id).then().statusCode(404);
        head.req().post("/api/v1/crisis-tasks/" + taskId + "/done").then().statusCode(200)
                .body("doneAt", org.hamcrest.Matchers.notNullValue());
        Who.of("student", SCHOOL, DISTRICT).req().get("/api/v1/crisis-tasks").then().statusCode(403);
    }

    @Test
    void listsArePagedNewestFirstAndFiltered() {
        String school = Who.unique("school");
        Who p = Who.of("psychologist", school, DISTRICT);
        Who t = Who.of("teacher", school, DISTRICT);
        UUID a = Crisis.openCase(t, Who.unique("student"));
        UUID b = Crisis.openCase(t, Who.unique("student"));
        UUID c = Crisis.openCase(t, Who.unique("student"));
        Crisis.act(p, a, "contact", Crisis.contact(), 200);
        var page1 = p.req().get("/api/v1/crisis-cases?limit=2").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(c.toString(), b.toString()), page1.getList("items.id"));
        String cursor = page1.getString("nextCursor");
        assertNotNull(cursor);
        var page2 = p.req().get("/api/v1/crisis-cases?limit=2&cursor=" + cursor).then().statusCode(200).extract()
                .jsonPath();
        assertEquals(List.of(a.toString()), page2.getList("items.id"));
        assertNull(page2.getString("nextCursor"));
        assertEquals(List.of(a.toString()), p.req().get("/api/v1/crisis-cases?status=CONTACTED").then().statusCode(200)
                .extract().jsonPath().getList("items.id"));
        p.req().get("/api/v1/crisis-cases?status=SLEEPING").then().statusCode(400);
        p.req().get("/api/v1/crisis-cases?limit=500").then().statusCode(400);
        p.req().get("/api/v1/crisis-cases?overdue=maybe").then().statusCode(400);
        assertEquals(0, p.req().get("/api/v1/crisis-cases?overdue=true").then().statusCode(200).extract().jsonPath()
                .getList("items").size());
    }
}
