package io.heartline.crisis.alert;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.crisis.CrisisConfig;
import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.Feeds;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;
import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.Sql;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Alerts end to end: sources, steps and windows, escalation once, acknowledgement race, scope, readiness, privacy. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class AlertFlowTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    EscalationSweeper sweeper;

    @Inject
    CrisisConfig config;

    final EventTap tap = EventTap.of(Topics.CRISIS);

    private String alertOf(UUID record) {
        Awaitility.await().atMost(Duration.ofSeconds(45))
                .until(() -> Sql.count(ds, "SELECT count(*) FROM alert WHERE record_id = ?", record) > 0);
        return Sql.string(ds, "SELECT id::text FROM alert WHERE record_id = ?", record);
    }

    private static JsonPath mine(Who who) {
        return who.req().get("/api/v1/alerts?mine=true").then().statusCode(200).extract().jsonPath();
    }

    private long events(String alertId, String type) {
        return tap.forData("alertId", alertId).stream().filter(s -> s.event().type().equals(type)).count();
    }

    @Test
    void aCriticalScreeningReachesTheOnDutyPersonOnceAndClimbsStepByStep() {
        Oncall o = Oncall.create();
        String subject = Who.unique("student");
        UUID screening = UUID.randomUUID();
        var e = Feeds.riskFlagged(subject, o.school(), o.district(), "CRITICAL", screening);
        Feeds.send(e);
        Feeds.send(e); // redelivery
        Feeds.send(Feeds.riskFlagged(subject, o.school(), o.district(), "CRITICAL", screening)); // new event id
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM case_source WHERE kind = 'SCREENING' AND source_id = ?", screening) == 1);
        UUID caseId = UUID.fromString(Sql.string(ds, "SELECT case_id::text FROM case_source WHERE source_id = ?",
                screening));
        String alert = alertOf(caseId);
        // and the EMERGENCY referral referral-service opens for that screening adds no second page
        Feeds.send(Feeds.referralCreated(subject, o.school(), o.district(), "EMERGENCY", UUID.randomUUID()));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM case_source WHERE case_id = ?", caseId) == 2);
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM alert WHERE record_id = ?", caseId));

        JsonPath inbox = mine(o.onDuty());
        assertEquals(List.of(alert), inbox.getList("items.id"));
        assertEquals("CRITICAL_SCREENING", inbox.getString("items[0].kind"));
        assertEquals("CRITICAL", inbox.getString("items[0].urgency"));
        assertEquals("CRISIS_CASE", inbox.getString("items[0].record.type"));
        assertEquals(caseId.toString(), inbox.getString("items[0].record.id"));
        assertEquals(1, inbox.getInt("items[0].step"));
        assertEquals(o.onDuty().sub(), inbox.getString("items[0].target"));
        assertEquals("OPEN", inbox.getString("items[0].status"));
        assertEquals(o.school(), inbox.getString("items[0].school"));
        assertEquals(0, mine(o.head()).getList("items").size(), "step 2 is not reached yet");

        tap.awaitData("alertId", alert, 1, Duration.ofSeconds(30));
        var raised = tap.forData("alertId", alert).get(0);
        assertEquals(EventTypes.Crisis.ALERT_RAISED, raised.event().type());
        assertEquals(List.of(), raised.schemaProblems());

        // within the window nothing moves
        TestClock.advance(Duration.ofSeconds(30));
        sweeper.sweepOnce(100);
        assertEquals(1, Sql.count(ds, "SELECT step FROM alert WHERE id = ?::uuid", alert));

        // past it: step 2 (the head), then 3 (district on duty), then past the last step: unanswered
        TestClock.advance(Duration.ofSeconds(31));
        sweeper.sweepOnce(100);
        sweeper.sweepOnce(100);
        assertEquals(2, Sql.count(ds, "SELECT step FROM alert WHERE id = ?::uuid", alert));
        assertEquals(o.head().sub(), mine(o.head()).getString("items[0].target"));
        TestClock.advance(Duration.ofSeconds(61));
        sweeper.sweepOnce(100);
        assertEquals(3, Sql.count(ds, "SELECT step FROM alert WHERE id = ?::uuid", alert));
        TestClock.advance(Duration.ofSeconds(61));
        sweeper.sweepOnce(100);
        sweeper.sweepOnce(100);
        assertEquals(4, Sql.count(ds, "SELECT step FROM alert WHERE id = ?::uuid", alert));
        assertEquals(o.districtOnDuty().sub(), mine(o.districtOnDuty()).getString("items[0].target"));
        TestClock.advance(Duration.ofSeconds(600));
        sweeper.sweepOnce(100);
        assertEquals(4, Sql.count(ds, "SELECT step FROM alert WHERE id = ?::uuid", alert), "nothing after the last");

        tap.await(s -> alert.equals(s.data("alertId"))
                && s.event().type().equals(EventTypes.Crisis.ALERT_UNANSWERED), 1, Duration.ofSeconds(30));
        assertEquals(1, events(alert, EventTypes.Crisis.ALERT_RAISED));
        assertEquals(2, events(alert, EventTypes.Crisis.ALERT_ESCALATED), "one per step");
        assertEquals(1, events(alert, EventTypes.Crisis.ALERT_UNANSWERED));
        tap.forData("alertId", alert).forEach(s -> assertEquals(List.of(), s.schemaProblems()));
        var unanswered = tap.forData("alertId", alert).stream()
                .filter(s -> s.event().type().equals(EventTypes.Crisis.ALERT_UNANSWERED)).findFirst().orElseThrow();
        assertEquals(o.districtOnDuty().sub(), unanswered.data("targetId"));
        assertEquals(o.district(), unanswered.data("district"));
    }

    @Test
    void severalConcurrentSweepsEscalateEachStepOnce() throws Exception {
        Oncall o = Oncall.create();
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            alerts.add(alertOf(o.harmReport()));
        }
        TestClock.advance(Duration.ofSeconds(61));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return sweeper.sweepOnce(100);
                }));
            }
            start.countDown();
            for (Future<Integer> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (String a : alerts) {
            assertEquals(2, Sql.count(ds, "SELECT step FROM alert WHERE id = ?::uuid", a));
            assertEquals(1, Sql.count(ds,
                    "SELECT count(*) FROM alert_change WHERE alert_id = ?::uuid AND change = 'ESCALATED'", a));
        }
        for (String a : alerts) {
            tap.await(s -> a.equals(s.data("alertId")) && s.event().type().equals(EventTypes.Crisis.ALERT_ESCALATED),
                    1, Duration.ofSeconds(30));
        }
        sweeper.sweepOnce(100);
        for (String a : alerts) {
            assertEquals(1, events(a, EventTypes.Crisis.ALERT_ESCALATED), "escalated once for step 2");
        }
    }

    @Test
    void anAcknowledgementRaceHasOneWinnerAndTheLoserLearnsWho() throws Exception {
        Oncall o = Oncall.create();
        String alert = alertOf(o.harmReport());
        String path = "/api/v1/alerts/" + alert + "/acknowledge";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                Who who = i % 2 == 0 ? o.onDuty() : o.head(); // the head is a later step: may take it early
                Callable<Response> ack = () -> {
                    start.await();
                    return who.req().post(path).then().extract().response();
                };
                answers.add(pool.submit(ack));
            }
            start.countDown();
            List<Response> done = new ArrayList<>();
            for (Future<Response> f : answers) {
                done.add(f.get());
            }
            String winner = Sql.string(ds, "SELECT acknowledged_by FROM alert WHERE id = ?::uuid", alert);
            assertTrue(winner.equals(o.onDuty().sub()) || winner.equals(o.head().sub()));
            for (int i = 0; i < done.size(); i++) {
                Response r = done.get(i);
                boolean isWinner = (i % 2 == 0 ? o.onDuty() : o.head()).sub().equals(winner);
                if (isWinner) {
                    assertEquals(200, r.statusCode(), r.asString());
                    assertEquals("ACKNOWLEDGED", r.jsonPath().getString("status"));
                    assertEquals(winner, r.jsonPath().getString("acknowledgedBy"));
                } else {
                    assertEquals(409, r.statusCode(), r.asString());
                    assertEquals("application/problem+json", r.contentType());
                    assertEquals(winner, r.jsonPath().getString("by"));
                    assertEquals("ALREADY_ACKNOWLEDGED", r.jsonPath().getString("reason"));
                    assertFalse(r.jsonPath().getString("at").isBlank());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        tap.await(s -> alert.equals(s.data("alertId")) && s.event().type().equals(EventTypes.Crisis.ALERT_ACKNOWLEDGED),
                1, Duration.ofSeconds(30));
        assertEquals(1, events(alert, EventTypes.Crisis.ALERT_ACKNOWLEDGED));
        // an acknowledged alert no longer escalates
        TestClock.advance(Duration.ofSeconds(120));
        sweeper.sweepOnce(100);
        assertEquals(1, Sql.count(ds, "SELECT step FROM alert WHERE id = ?::uuid", alert));
    }

    @Test
    void whoMayAcknowledgeAndResolve() {
        Oncall o = Oncall.create();
        String alert = alertOf(o.harmReport());
        String base = "/api/v1/alerts/" + alert;
        // another psychologist of the school: not reached, not a later step -> it does not exist for them
        Who.of("psychologist", o.school(), o.district()).req().post(base + "/acknowledge").then().statusCode(404);
        // the school admin sees the alert but is no target
        o.schoolAdmin().req().post(base + "/acknowledge").then().statusCode(409)
                .body("reason", equalTo("NOT_A_CURRENT_TARGET"));
        // same school id, other district: 404
        Who.of("psychologist", o.school(), Who.unique("district")).req().post(base + "/acknowledge").then()
                .statusCode(404);
        o.onDuty().req().body(Map.of()).post(base + "/resolve").then().statusCode(400)
                .contentType("application/problem+json");
        o.onDuty().req().post(base + "/acknowledge").then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        o.onDuty().req().post(base + "/acknowledge").then().statusCode(200).body("status", equalTo("ACKNOWLEDGED"));
        o.head().req().body(Map.of("reason", "mine now")).post(base + "/resolve").then().statusCode(409)
                .body("by", equalTo(o.onDuty().sub()));
        o.onDuty().req().body(Map.of("reason", Crisis.CANARY + " seen, parents called")).post(base + "/resolve")
                .then().statusCode(200).body("status", equalTo("RESOLVED"));
        o.onDuty().req().get("/api/v1/alerts?mine=true&status=RESOLVED").then().statusCode(200)
                .body("items.id", hasItem(alert));
        o.onDuty().req().get("/api/v1/alerts?mine=true&status=OPEN").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(alert)));
        o.onDuty().req().get("/api/v1/alerts?status=SHOUTING").then().statusCode(400);
        o.schoolAdmin().req().get("/api/v1/alerts?mine=false").then().statusCode(200).body("items.id", hasItem(alert));
        o.onDuty().req().get("/api/v1/alerts?mine=false").then().statusCode(403);
        String all = o.schoolAdmin().req().get("/api/v1/alerts?mine=false").asString();
        assertFalse(all.contains(Crisis.CANARY), "no note or resolve reason in alert lists");
    }

    @Test
    void keysetPagesOfMyAlerts() {
        Oncall o = Oncall.create();
        for (int i = 0; i < 3; i++) {
            alertOf(o.harmReport());
        }
        JsonPath first = o.onDuty().req().get("/api/v1/alerts?mine=true&limit=2").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(2, first.getList("items").size());
        String cursor = first.getString("nextCursor");
        o.onDuty().req().get("/api/v1/alerts?mine=true&limit=2&cursor=" + cursor).then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", equalTo(null));
    }

    @Test
    void theOtherSourcesRaiseTheirKinds() {
        Oncall o = Oncall.create();
        // a referral escalated to HOSPITAL, and one by SLA_BREACHED, each once; a manual one to DISTRICT_CENTRE: none
        UUID hospital = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID manual = UUID.randomUUID();
        var h = escalated(o, hospital, "HOSPITAL", "MANUAL");
        Feeds.send(h);
        Feeds.send(h);
        Feeds.send(escalated(o, late, "SCHOOL_CENTRE", "SLA_BREACHED"));
        Feeds.send(escalated(o, manual, "DISTRICT_CENTRE", "MANUAL"));
        String hAlert = alertOf(hospital);
        String lAlert = alertOf(late);
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM alert WHERE record_id = ?", hospital));
        assertEquals("REFERRAL_ESCALATED", Sql.string(ds, "SELECT kind FROM alert WHERE id = ?::uuid", hAlert));
        assertEquals("CRITICAL", Sql.string(ds, "SELECT urgency FROM alert WHERE id = ?::uuid", hAlert));
        assertEquals("HIGH", Sql.string(ds, "SELECT urgency FROM alert WHERE id = ?::uuid", lAlert));
        assertEquals("REFERRAL", Sql.string(ds, "SELECT record_type FROM alert WHERE id = ?::uuid", lAlert));
        // a first-contact breach raises CRISIS_CLOCK_BREACH; EXTREME triage raises EXTREME_TRIAGE
        UUID caseId = o.harmReport();
        Who psych = o.onDuty();
        Crisis.act(psych, caseId, "contact", Crisis.contact(), 200);
        Crisis.act(psych, caseId, "triage", Crisis.triage(3, 3, 3, null), 200);
        assertEquals(1, Sql.count(ds,
                "SELECT count(*) FROM alert WHERE record_id = ? AND kind = 'EXTREME_TRIAGE'", caseId));
        UUID uncontacted = o.harmReport();
        TestClock.advance(config.firstContactWithin().plusMinutes(1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM alert WHERE record_id = ? AND kind = 'CRISIS_CLOCK_BREACH'", uncontacted) == 1);
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM alert WHERE record_id = ?", manual));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM processed_event WHERE event_id = ?", h.id()) >= 1);
    }

    private static io.heartline.platform.events.OutgoingEvent escalated(Oncall o, UUID referral, String tier,
            String reason) {
        var data = EventSamples.data(EventTypes.Referral.ESCALATED);
        String subject = Who.unique("student");
        data.put("referralId", referral.toString()).put("subjectId", subject).put("tier", tier)
                .put("reasonCode", reason);
        return EventBuilder.from("referral").type(EventTypes.Referral.ESCALATED).subject(subject).school(o.school())
                .district(o.district()).data(data).build();
    }

    @Test
    void scopeIsTheDistrictAndSchoolPair() {
        Oncall o = Oncall.create();
        Who otherDistrictAdmin = Who.of("school-admin", o.school(), Who.unique("district"));
        otherDistrictAdmin.req().get("/api/v1/on-call/schedules/" + o.school()).then().statusCode(404);
        otherDistrictAdmin.req().get("/api/v1/on-call/policies/" + o.school()).then().statusCode(200)
                .body("source", equalTo("DEFAULT")); // their own school of that id has none
        o.schoolAdmin().req().get("/api/v1/on-call/schedules/" + o.school()).then().statusCode(200)
                .body("participants", equalTo(List.of(o.onDuty().sub())))
                .body("warnings.personId", hasItem(o.onDuty().sub())); // the directory does not know them
        o.districtAdmin().req().get("/api/v1/on-call/schedules/" + o.school()).then().statusCode(404);
        o.schoolAdmin().req().get("/api/v1/on-call/schedules/" + o.district()).then().statusCode(404);
        o.districtAdmin().req().get("/api/v1/on-call/schedules/" + o.district()).then().statusCode(200);
        Who.of("school-admin", Who.unique("school"), o.district()).req()
                .get("/api/v1/on-call/schedules/" + o.school()).then().statusCode(404);
        o.teacher().req().get("/api/v1/on-call/now").then().statusCode(200)
                .body("now.personId", equalTo(o.onDuty().sub())).body("timeZone", equalTo("Asia/Shanghai"));
        o.teacher().req().get("/api/v1/on-call/now?schoolId=" + Who.unique("school")).then().statusCode(404);
        o.districtAdmin().req().get("/api/v1/on-call/now?schoolId=" + o.district()).then().statusCode(200)
                .body("now.personId", equalTo(o.districtOnDuty().sub()));
    }

    @Test
    void schedulesAndPoliciesAreValidated() {
        Oncall o = Oncall.create();
        String s = "/api/v1/on-call/schedules/" + o.school();
        o.schoolAdmin().req().body(Map.of("participants", List.of("a", "a"), "shiftLength", "PT5H", "timeZone",
                "Mars/Olympus", "handoverTime", "25:00")).put(s).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("participants", "shiftLength", "timeZone",
                        "handoverTime"));
        o.schoolAdmin().req().body("{\"participants\": [\"a\"], \"colour\": \"red\"}").put(s).then().statusCode(400);
        String p = "/api/v1/on-call/policies/" + o.school();
        o.schoolAdmin().req().body(Map.of("steps", List.of(Map.of("target", "ON_CALL", "ackWithin", "PT10S"),
                Map.of("target", "", "ackWithin", "soon")))).put(p).then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("steps[0].ackWithin", "steps[1].target",
                        "steps[1].ackWithin"));
        o.schoolAdmin().req().body(Map.of("steps", List.of(Map.of("target", "CENTRE_HEAD")))).put(p).then()
                .statusCode(200).body("steps[0].ackWithin", equalTo("PT5M"));
        // the district's policy is inherited by a school without one; the built-in default otherwise
        Who freshAdmin = Who.of("school-admin", Who.unique("school"), o.district());
        freshAdmin.req().get("/api/v1/on-call/policies/" + freshAdmin.school()).then().statusCode(200)
                .body("source", equalTo("DEFAULT")).body("steps.target",
                        equalTo(List.of("ON_CALL", "CENTRE_HEAD", "DISTRICT_ON_CALL")));
        o.districtAdmin().req().body(Map.of("steps", List.of(Map.of("target", "DISTRICT_ON_CALL")))).put(
                "/api/v1/on-call/policies/" + o.district()).then().statusCode(200);
        freshAdmin.req().get("/api/v1/on-call/policies/" + freshAdmin.school()).then().statusCode(200)
                .body("source", equalTo("DISTRICT"));
        // overrides: the sick person's replacement is on duty now
        Who cover = Who.of("psychologist", o.school(), o.district());
        o.schoolAdmin().req().body(Map.of("participants", List.of(o.onDuty().sub()), "overrides", List.of(Map.of(
                "personId", cover.sub(), "from", TestClock.now().minusSeconds(60).toString(), "to",
                TestClock.now().plusSeconds(3600).toString())))).put(s).then().statusCode(200);
        o.teacher().req().get("/api/v1/on-call/now").then().statusCode(200)
                .body("now.personId", equalTo(cover.sub())).body("now.override", equalTo(true))
                .body("next.personId", equalTo(o.onDuty().sub()));
    }

    @Test
    void whoIsOnDutyFollowsTheServiceClock() {
        Oncall o = Oncall.create();
        Who a = Who.of("psychologist", o.school(), o.district());
        Who b = Who.of("psychologist", o.school(), o.district());
        // daily shifts a, b from yesterday (Shanghai) at the current local hour: the handover is within the hour
        java.time.ZonedDateTime local = TestClock.now().atZone(java.time.ZoneId.of("Asia/Shanghai"));
        o.schoolAdmin().req().body(Map.of("participants", List.of(a.sub(), b.sub()), "shiftLength", "P1D",
                "handoverTime", local.toLocalTime().withSecond(0).withNano(0).toString(), "startsOn",
                local.toLocalDate().minusDays(1).toString())).put("/api/v1/on-call/schedules/" + o.school()).then()
                .statusCode(200);
        JsonPath now = o.teacher().req().get("/api/v1/on-call/now").then().statusCode(200).extract().jsonPath();
        assertEquals(b.sub(), now.getString("now.personId"));
        assertEquals(a.sub(), now.getString("next.personId"));
        String until = now.getString("now.until");
        TestClock.advance(Duration.ofDays(1));
        JsonPath later = o.teacher().req().get("/api/v1/on-call/now").then().statusCode(200).extract().jsonPath();
        assertEquals(a.sub(), later.getString("now.personId"));
        assertEquals(until, later.getString("now.from"), "a's shift starts where b's ended");
        // an alert raised now goes to a, the person on duty at the service clock's now
        String alert = alertOf(o.harmReport());
        assertEquals(a.sub(), Sql.string(ds, "SELECT target_id FROM alert WHERE id = ?::uuid", alert));
    }

    @Test
    void aStalledSweeperFailsReadiness() {
        EscalationScheduler s = new EscalationScheduler(sweeper, config, new SimpleMeterRegistry());
        s.sweep();
        assertEquals(HealthCheckResponse.Status.UP, s.call().getStatus());
        s.ageForTest(config.sweep().staleAfter().toSeconds() + 5);
        assertEquals(HealthCheckResponse.Status.DOWN, s.call().getStatus());
        io.restassured.RestAssured.given().get("/q/health/ready").then()
                .body("checks.name", hasItem("crisis-alert-escalation"));
        io.restassured.RestAssured.given().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("heartline_crisis_alerts_sweep_last_age_seconds"));
    }
}
