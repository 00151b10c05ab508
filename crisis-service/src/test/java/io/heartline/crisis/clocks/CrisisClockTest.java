package io.heartline.crisis.clocks;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Every clock, tested by moving the service clock: never by waiting for real time. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class CrisisClockTest {

    static final String DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");

    @Inject
    AgroalDataSource ds;

    @Inject
    ClockSweeper sweeper;

    final EventTap tap = EventTap.of(Topics.CRISIS);
    final Who psych = Who.of("psychologist", SCHOOL, DISTRICT);
    final Who teacher = Who.of("teacher", SCHOOL, DISTRICT);

    private List<EventTap.Seen> breaches(UUID caseId) {
        return tap.matching(s -> caseId.toString().equals(s.data("caseId"))
                && (EventTypes.Crisis.SLA_BREACHED.equals(s.event().type())
                        || EventTypes.Crisis.WATCH_GAP.equals(s.event().type())));
    }

    @Test
    void aMissedFirstContactIsBreachedOnceAndContactInTimeIsNot() {
        UUID missed = Crisis.openCase(teacher, Who.unique("student"));
        UUID inTime = Crisis.openCase(teacher, Who.unique("student"));
        Crisis.act(psych, inTime, "contact", Crisis.contact(), 200);
        TestClock.advance(Duration.ofMinutes(121));

        var events = tap.await(s -> missed.toString().equals(s.data("caseId"))
                && EventTypes.Crisis.SLA_BREACHED.equals(s.event().type()), 1, Duration.ofSeconds(45));
        assertEquals("FIRST_CONTACT", events.get(0).data("clock"));
        assertEquals(List.of(), events.get(0).schemaProblems());
        sweeper.sweepOnce();
        sweeper.sweepOnce();
        assertEquals(1, breaches(missed).size());
        assertEquals(0, breaches(inTime).size());

        var detail = Crisis.get(psych, missed);
        assertTrue(detail.getBoolean("breached"));
        assertEquals(true, detail.getBoolean("clocks.find { it.kind == 'FIRST_CONTACT' }.breached"));
        psych.req().get("/api/v1/crisis-cases?overdue=true").then().statusCode(200)
                .body("items.id", hasItem(missed.toString()));
        // the district now sees the breached case (without notes)
        Who.districtLevel("district-admin", DISTRICT).req().get("/api/v1/crisis-cases/" + missed).then()
                .statusCode(200);
        // a late contact meets the clock but it stays breached
        Crisis.act(psych, missed, "contact", Crisis.contact(), 200);
        var after = Crisis.get(psych, missed);
        assertEquals(true, after.getBoolean("clocks.find { it.kind == 'FIRST_CONTACT' }.breached"));
        assertEquals(false, Crisis.get(psych, inTime).getBoolean("clocks.find { it.kind == 'FIRST_CONTACT' }.breached"));
    }

    @Test
    void aLateContactRecordedBeforeAnySweepIsStillOneBreach() {
        UUID id = Crisis.openCase(teacher, Who.unique("student"));
        TestClock.advance(Duration.ofHours(3));
        Crisis.act(psych, id, "contact", Crisis.contact(), 200); // races the scheduled sweep: either raises it
        tap.await(s -> id.toString().equals(s.data("caseId")) && "FIRST_CONTACT".equals(s.data("clock")), 1,
                Duration.ofSeconds(45));
        sweeper.sweepOnce();
        assertEquals(1, breaches(id).size());
        assertTrue(Crisis.get(psych, id).getBoolean("breached"));
    }

    @Test
    void twoSweepersOnOneDatabaseBreachEachClockOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(Crisis.openCase(teacher, Who.unique("student")));
        }
        TestClock.advance(Duration.ofMinutes(121));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> sweeps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sweeps.add(sweeper::sweepOnce);
            }
            for (Future<Integer> f : pool.invokeAll(sweeps)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        for (UUID id : ids) {
            tap.await(s -> id.toString().equals(s.data("caseId"))
                    && EventTypes.Crisis.SLA_BREACHED.equals(s.event().type()), 1, Duration.ofSeconds(45));
        }
        sweeper.sweepOnce();
        for (UUID id : ids) {
            assertEquals(1, breaches(id).size(), id.toString());
            assertEquals(1, Sql.count(ds, "SELECT count(*) FROM case_clock WHERE case_id = ? AND breached_at IS NOT NULL",
                    id));
        }
    }

    @Test
    void levelTwoInterventionAndWeeklyCheckIns() {
        UUID id = Crisis.openCase(teacher, Who.unique("student"));
        Crisis.act(psych, id, "contact", Crisis.contact(), 200);
        Crisis.act(psych, id, "triage", Crisis.triage(1, 1, 1, null), 200);
        Crisis.act(psych, id, "follow-up-plan", Map.of("weeks", 4), 200);
        psych.req().body(Map.of("weeks", 5)).post("/api/v1/crisis-cases/" + id + "/follow-up-plan").then()
                .statusCode(409);
        UUID other = Crisis.openCase(teacher, Who.unique("student"));
        Crisis.act(psych, other, "contact", Crisis.contact(), 200);
        Crisis.act(psych, other, "triage", Crisis.triage(1, 1, 1, null), 200);
        psych.req().body(Map.of("weeks", 14)).post("/api/v1/crisis-cases/" + other + "/follow-up-plan").then()
                .statusCode(400).body("errors.field", hasItem("weeks"));

        // no session within 24 h: the level-2 clock breaches
        TestClock.advance(Duration.ofHours(25));
        var l2 = tap.await(s -> id.toString().equals(s.data("caseId")) && "LEVEL2_INTERVENTION".equals(s.data("clock")),
                1, Duration.ofSeconds(45));
        assertEquals(1, l2.size());
        // week 1 checked in; week 2 missed → overdue → breach
        Crisis.act(psych, id, "check-ins", Map.of("at", TestClock.now().toString()), 200);
        TestClock.advance(Duration.ofDays(13));
        var missed = tap.await(s -> id.toString().equals(s.data("caseId")) && "CHECK_IN".equals(s.data("clock")), 1,
                Duration.ofSeconds(45));
        assertEquals(List.of(), missed.get(0).schemaProblems());
        var clocks = Crisis.get(psych, id);
        assertEquals(false, clocks.getBoolean("clocks.find { it.kind == 'CHECK_IN' && it.seq == 1 }.breached"));
        assertEquals(true, clocks.getBoolean("clocks.find { it.kind == 'CHECK_IN' && it.seq == 2 }.breached"));
    }

    @Test
    void anUncoveredWatchIsRaisedByTheSweep() {
        UUID id = Crisis.openCase(teacher, Who.unique("student"));
        Crisis.act(psych, id, "contact", Crisis.contact(), 200);
        Crisis.act(psych, id, "triage", Crisis.triage(3, 3, 3, null), 200);
        Instant now = TestClock.now();
        Crisis.act(psych, id, "watch-shifts", Map.of("watcherId", "w-1", "from", now.toString(), "to",
                now.plus(Duration.ofHours(1)).toString()), 200);
        TestClock.advance(Duration.ofMinutes(65));
        sweeper.sweepOnce();
        assertTrue(tap.matching(s -> id.toString().equals(s.data("caseId"))
                && EventTypes.Crisis.WATCH_GAP.equals(s.event().type())).isEmpty(), "5 minutes is within the allowance");
        TestClock.advance(Duration.ofMinutes(10));
        var gap = tap.await(s -> id.toString().equals(s.data("caseId"))
                && EventTypes.Crisis.WATCH_GAP.equals(s.event().type()), 1, Duration.ofSeconds(45));
        assertEquals(List.of(), gap.get(0).schemaProblems());
        // the next watcher takes over late: the same gap is not raised twice
        Instant late = TestClock.now();
        Crisis.act(psych, id, "watch-shifts", Map.of("watcherId", "w-2", "from", late.toString(), "to",
                late.plus(Duration.ofHours(2)).toString()), 200);
        sweeper.sweepOnce();
        assertEquals(1, tap.matching(s -> id.toString().equals(s.data("caseId"))
                && EventTypes.Crisis.WATCH_GAP.equals(s.event().type())).size());
    }

    @Test
    void theSweepProvesItRuns() {
        RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("crisis-clock-sweep"));
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("heartline_crisis_sweep_last_age_seconds"), "gauge exported");
        assertFalse(metrics.contains(Crisis.CANARY));
    }
}
