package io.heartline.referral.sla;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.web.Trace;
import io.heartline.referral.domain.Actor;
import io.heartline.referral.domain.Source;
import io.heartline.referral.domain.SubjectType;
import io.heartline.referral.domain.Urgency;
import io.heartline.referral.referral.NewReferral;
import io.heartline.referral.referral.ReferralOpener;
import io.heartline.referral.support.Referrals;
import io.heartline.platform.testsupport.Sql;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * SLA: a PENDING stage past due escalates by itself with SLA_BREACHED, once, even with several sweepers on one
 * database. The app's own scheduler sweeps every second here (%test); the tests add more sweepers next to it.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class SlaEscalationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String school = Who.unique("school");
    private final String district = Who.unique("district");
    private final EventTap events = EventTap.of(Topics.REFERRAL);

    @Inject
    AgroalDataSource db;
    @Inject
    ReferralOpener opener;
    @Inject
    SlaEscalations escalations;

    private long slaEscalations(UUID referral) {
        return Sql.count(db, "SELECT count(*) FROM referral_history WHERE referral_id = ? "
                + "AND reason_code = 'SLA_BREACHED' AND to_status = 'ESCALATED'", referral);
    }

    @Test
    void threeSweepersOnOneDatabaseEscalateEveryOverdueStageExactlyOnce() throws Exception {
        int n = 40;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(opener.open(new NewReferral(Who.unique("student"), SubjectType.STUDENT, school, district,
                    Source.PEER, Urgency.ROUTINE, null, null, null, "watch"), new Actor("t", "teacher"), Trace.NONE)
                    .id);
        }
        // Two more sweepers besides the app's scheduler: each is a second "instance" against the same database.
        SlaSweeper second = new SlaSweeper(escalations, escalations, 500);
        SlaSweeper third = new SlaSweeper(escalations, escalations, 500);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (SlaSweeper sweeper : List.of(second, third)) {
                counts.add(pool.submit(() -> {
                    go.await();
                    int total = 0;
                    long deadline = System.nanoTime() + PATIENCE.toNanos();
                    while (overdueIn(school) > 0 && System.nanoTime() < deadline) {
                        total += sweeper.sweepOnce();
                    }
                    return total;
                }));
            }
            // Everything falls due at once, then all sweepers race for it.
            Sql.update(db, "UPDATE referral SET due_at = now() - interval '1 minute' WHERE school = ?", school);
            go.countDown();
            int byTestSweepers = counts.get(0).get() + counts.get(1).get();
            System.out.printf("SLA race: test sweepers escalated %d + %d of %d (the app's scheduler the rest)%n",
                    counts.get(0).get(), counts.get(1).get(), n);
            assertTrue(byTestSweepers <= n);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(PATIENCE).until(() -> Sql.count(db, "SELECT count(*) FROM referral WHERE school = ? "
                + "AND tier = 'SCHOOL_CENTRE'", school) == n);

        for (UUID id : ids) {
            assertEquals(1, slaEscalations(id), "escalated once: " + id);
            assertEquals(2, Sql.count(db, "SELECT count(*) FROM referral_stage WHERE referral_id = ?", id));
        }
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM referral WHERE school = ? AND (status <> 'PENDING' "
                + "OR due_at < now() + interval '23 hours')", school), "new stages pending with their own 24 h");
        assertEquals(n, Sql.count(db, "SELECT count(*) FROM outbox_event WHERE event_type = "
                + "'heartline.referral.escalated.v1' AND convert_from(payload, 'UTF8')::jsonb #>> '{school}' = ?",
                school), "exactly one escalated event per referral");
        List<EventTap.Seen> seen = events.await(s -> school.equals(s.event().school())
                && s.event().type().equals("heartline.referral.escalated.v1"), n, PATIENCE);
        assertEquals(n, seen.stream().map(s -> s.data("referralId")).distinct().count());
        seen.forEach(s -> {
            assertEquals("SLA_BREACHED", s.data("reasonCode"));
            assertEquals("SCHOOL_CENTRE", s.data("tier"));
            assertEquals("SCHOOL_PSYCHOLOGIST", s.data("previousTier"));
            assertEquals(List.of(), s.schemaProblems());
        });
    }

    private long overdueIn(String school) {
        return Sql.count(db, "SELECT count(*) FROM referral WHERE school = ? AND status = 'PENDING' "
                + "AND due_at < now() AND NOT sla_breached", school);
    }

    @Test
    void aStageNobodyAcceptsClimbsTheChainOnceATierAndIsReportedAtTheTop() {
        String mySchool = Who.unique("school");
        Who.of("school-admin", mySchool, district).req()
                .body(Map.of("rules", List.of(Map.of("match", Map.of("source", "GUARDIAN"),
                        "tier", "SCHOOL_PSYCHOLOGIST", "acceptWithin", "PT15M"))))
                .put("/api/v1/routing-rules").then().statusCode(200);
        Who psychologist = Who.of("psychologist", mySchool, district);
        UUID id = Referrals.create(psychologist, Who.unique("student"), "GUARDIAN", "ROUTINE");

        // Each stage's 15 minutes (the shortest window a rule may set) pass: the clock moves, nobody waits.
        Instant fellDue = null;
        for (int climb = 1; climb <= 3; climb++) {
            int escalated = climb;
            Instant due = Instant.now();
            Sql.update(db, "UPDATE referral SET due_at = now() - interval '1 second' WHERE id = ?", id);
            await().atMost(PATIENCE).until(() -> slaEscalations(id) == escalated);
            fellDue = fellDue == null ? due : fellDue;
        }
        Instant created = fellDue;
        Sql.update(db, "UPDATE referral SET due_at = now() - interval '1 second' WHERE id = ?", id);
        await().atMost(PATIENCE).until(() -> "true".equals(Sql.string(db,
                "SELECT sla_breached::text FROM referral WHERE id = ?", id)));
        JsonPath r = Referrals.get(psychologist, id);
        assertEquals("HOSPITAL", r.getString("tier"));
        assertEquals("PENDING", r.getString("status"));
        assertEquals(List.of("SCHOOL_PSYCHOLOGIST", "SCHOOL_CENTRE", "DISTRICT_CENTRE", "HOSPITAL"),
                r.getList("stages.tier"));
        assertEquals(3, slaEscalations(id));
        Instant firstEscalation = Instant.parse(r.getString("history[1].at"));
        assertEquals("SLA_BREACHED", r.getString("history[1].reasonCode"));
        assertEquals("system:sla-sweeper", r.getString("history[1].actor"));
        assertTrue(Duration.between(created, firstEscalation).compareTo(Duration.ofMinutes(1)) < 0,
                "escalated within a minute of falling due");

        List<EventTap.Seen> seen = events.awaitData("referralId", id, 4, PATIENCE);
        assertEquals(List.of("SCHOOL_CENTRE", "DISTRICT_CENTRE", "HOSPITAL"),
                seen.subList(1, 4).stream().map(s -> s.data("tier")).toList());
        seen.subList(1, 4).forEach(s -> assertEquals("SLA_BREACHED", s.data("reasonCode")));

        // At the top there is nowhere to go: reported once, and then the sweeps leave it alone.
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM referral_history WHERE referral_id = ? "
                + "AND reason_code = 'SLA_BREACHED' AND from_status = 'PENDING' AND to_status = 'PENDING'", id));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                Sql.count(db, "SELECT count(*) FROM referral_history WHERE referral_id = ?", id) == 8
                        && events.forData("referralId", id).size() == 4);
        Who.districtLevel("district-admin", district).req().get("/api/v1/referrals/" + id).then().statusCode(200)
                .body("overdue", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void anAcceptedStageHasAWeekToStartAndIsEscalatedWhenNotStartedInTime() {
        Who psychologist = Who.of("psychologist", Who.unique("school"), district);
        UUID id = Referrals.create(psychologist, Who.unique("student"), "GUARDIAN", "ROUTINE");
        Instant accepted = Instant.now();
        JsonPath r = Referrals.act(psychologist, id, "accept", 200);
        Duration toStart = Duration.between(accepted, Instant.parse(r.getString("dueAt")));
        assertTrue(toStart.compareTo(Duration.ofDays(7).minusMinutes(1)) > 0
                && toStart.compareTo(Duration.ofDays(7).plusMinutes(1)) < 0, "start within P7D: " + toStart);
        Sql.update(db, "UPDATE referral SET due_at = now() - interval '1 hour' WHERE id = ?", id);
        await().atMost(PATIENCE).until(() -> slaEscalations(id) == 1);
        JsonPath after = Referrals.get(psychologist, id);
        assertEquals("SCHOOL_CENTRE", after.getString("tier"));
        assertEquals("PENDING", after.getString("status"));
    }

    @Test
    void aStartedStageIsDueForCompletionAndPublishesStarted() {
        Who psychologist = Who.of("psychologist", Who.unique("school"), district);
        UUID id = Referrals.create(psychologist, Who.unique("student"), "GUARDIAN", "ROUTINE");
        Referrals.act(psychologist, id, "accept", 200);
        Instant started = Instant.now();
        JsonPath r = Referrals.act(psychologist, id, "start", 200);
        Duration toComplete = Duration.between(started, Instant.parse(r.getString("dueAt")));
        assertTrue(toComplete.compareTo(Duration.ofDays(89)) > 0 && toComplete.compareTo(Duration.ofDays(91)) < 0,
                "complete within P90D: " + toComplete);
        List<EventTap.Seen> events = EventTap.of(Topics.REFERRAL)
                .awaitData("referralId", id, 3, PATIENCE);
        EventTap.Seen startedEvent = events.stream()
                .filter(e -> e.event().type().equals("heartline.referral.started.v1")).findFirst().orElseThrow();
        assertEquals("IN_PROGRESS", startedEvent.data("status"));
        assertEquals(List.of(), startedEvent.schemaProblems());
    }
}
