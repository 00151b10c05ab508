package io.heartline.referral.workflow;

import static io.heartline.referral.support.Referrals.FREE_TEXT;
import static io.heartline.referral.support.Referrals.act;
import static io.heartline.referral.support.Referrals.conflict;
import static io.heartline.referral.support.Referrals.create;
import static io.heartline.referral.support.Referrals.get;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.Sql;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The state machine over HTTP: each legal move with its history and event, and 409 for illegal ones. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class ReferralWorkflowTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String school = Who.unique("school");
    private final String district = Who.unique("district");
    private final Who psychologist = Who.of("psychologist", school, district);
    private final Who colleague = Who.of("psychologist", school, district);
    private final Who schoolAdmin = Who.of("school-admin", school, district);
    private final Who districtAdmin = Who.districtLevel("district-admin", district);
    private final EventTap events = EventTap.of(Topics.REFERRAL);

    @Inject
    AgroalDataSource db;

    /** A referral at SCHOOL_PSYCHOLOGIST (the fallback for a routine referral by hand). */
    private UUID pending() {
        return create(psychologist, Who.unique("student"), "GUARDIAN", "ROUTINE");
    }

    @Test
    void acceptStartCompleteIsRecordedInHistoryAndEvents() {
        UUID id = pending();
        act(psychologist, id, "accept", 200).getString("status").equals("ACCEPTED");
        JsonPath accepted = get(psychologist, id);
        assertEquals("ACCEPTED", accepted.getString("status"));
        assertEquals(psychologist.sub(), accepted.getString("assignee"), "whoever accepts owns the stage");
        assertEquals("IN_PROGRESS", act(psychologist, id, "start", 200).getString("status"));
        JsonPath done = act(psychologist, id, "complete", Map.of("outcome", "ONGOING_CARE",
                "reason", FREE_TEXT + "weekly sessions agreed"), 200);
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals("ONGOING_CARE", done.getString("outcome"));

        List<Map<String, Object>> history = done.getList("history");
        assertEquals(4, history.size());
        assertEquals(List.of("PENDING", "ACCEPTED", "IN_PROGRESS", "COMPLETED"), done.getList("history.to"));
        assertEquals(java.util.Arrays.asList(null, "PENDING", "ACCEPTED", "IN_PROGRESS"), done.getList("history.from"));
        assertEquals(List.of(psychologist.sub(), psychologist.sub(), psychologist.sub(), psychologist.sub()),
                done.getList("history.actor"));
        assertEquals("ONGOING_CARE", done.getString("history[3].reasonCode"));
        assertTrue(done.getString("history[3].reason").contains("weekly sessions"));
        history.forEach(h -> assertTrue(h.get("at") != null && "SCHOOL_PSYCHOLOGIST".equals(h.get("tier"))));

        List<EventTap.Seen> seen = events.awaitData("referralId", id, 4, PATIENCE);
        assertEquals(List.of("heartline.referral.created.v1", "heartline.referral.accepted.v1",
                "heartline.referral.started.v1", "heartline.referral.completed.v1"), EventTap.types(seen));
        EventTap.Seen completed = seen.get(3);
        assertEquals("ONGOING_CARE", completed.data("reasonCode"));
        assertEquals("ONGOING_CARE", completed.data("outcome"));
        assertEquals("COMPLETED", completed.data("status"));
        assertEquals("ACCEPTED", seen.get(1).data("status"));
        seen.forEach(s -> assertEquals(List.of(), s.schemaProblems()));
        seen.forEach(s -> assertFalse(new String(s.raw()).contains(FREE_TEXT)));
    }

    @Test
    void illegalMovesAre409AndChangeNothing() {
        UUID id = pending();
        assertTrue(conflict(psychologist, id, "start", null).contains("PENDING"));
        conflict(psychologist, id, "complete", Map.of("outcome", "RESOLVED"));
        act(psychologist, id, "accept", 200);
        conflict(psychologist, id, "accept", null);
        conflict(psychologist, id, "decline", Map.of("reason", "too late to decline"));
        conflict(psychologist, id, "complete", Map.of("outcome", "RESOLVED"));
        act(psychologist, id, "cancel", Map.of("reason", FREE_TEXT + "family moved away", "reasonCode", "MOVED_AWAY"),
                200);
        for (String verb : List.of("accept", "start")) {
            conflict(psychologist, id, verb, null);
        }
        conflict(psychologist, id, "escalate", Map.of());
        conflict(psychologist, id, "cancel", Map.of("reason", "again"));
        conflict(psychologist, id, "assign", Map.of("assigneeId", colleague.sub()));
        conflict(psychologist, id, "decline", Map.of("reason", "no"));
        JsonPath after = get(psychologist, id);
        assertEquals("CANCELLED", after.getString("status"));
        assertEquals(3, after.getList("history").size(), "created, accepted, cancelled: the 409s left no trace");
        List<EventTap.Seen> seen = events.awaitData("referralId", id, 3, PATIENCE);
        assertEquals("MOVED_AWAY", seen.get(2).data("reasonCode"));
        assertEquals("heartline.referral.cancelled.v1", seen.get(2).event().type());
    }

    @Test
    void completingNeedsAnOutcomeAndAReasonWhenNotResolved() {
        UUID id = pending();
        act(psychologist, id, "accept", 200);
        act(psychologist, id, "start", 200);
        psychologist.req().body(Map.of()).post("/api/v1/referrals/" + id + "/complete").then().statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        psychologist.req().body(Map.of("outcome", "GONE")).post("/api/v1/referrals/" + id + "/complete").then()
                .statusCode(400).body("errors[0].field", equalTo("outcome"));
        psychologist.req().body(Map.of("outcome", "NOT_RESOLVED")).post("/api/v1/referrals/" + id + "/complete")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        JsonPath done = act(psychologist, id, "complete", Map.of("outcome", "NOT_RESOLVED",
                "reason", FREE_TEXT + "refused further contact"), 200);
        assertEquals("NOT_RESOLVED", done.getString("outcome"));
    }

    @Test
    void aDeclineNeedsAReasonAndReRoutesToTheNextTierUp() {
        UUID id = pending();
        psychologist.req().body(Map.of()).post("/api/v1/referrals/" + id + "/decline").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        psychologist.req().body(Map.of("reason", "x", "reasonCode", "not a code")).post("/api/v1/referrals/" + id
                + "/decline").then().statusCode(400).body("errors[0].field", equalTo("reasonCode"));
        Instant before = Instant.now();
        JsonPath after = act(psychologist, id, "decline", Map.of("reason", FREE_TEXT + "conflict of interest",
                "reasonCode", "CONFLICT_OF_INTEREST"), 200);
        assertEquals("SCHOOL_CENTRE", after.getString("tier"));
        assertEquals("PENDING", after.getString("status"));
        assertNull(after.getString("assignee"));
        // The routed 24 h (fallback) stays within the SCHOOL_CENTRE cap of 24 h.
        Instant due = Instant.parse(after.getString("dueAt"));
        assertTrue(!due.isBefore(before.plus(Duration.ofHours(24))), due.toString());
        assertEquals(List.of("SCHOOL_PSYCHOLOGIST", "SCHOOL_CENTRE"), after.getList("stages.tier"));
        assertEquals(List.of("DECLINED", "PENDING"), after.getList("stages.status"));
        assertEquals(List.of("PENDING", "DECLINED", "PENDING"), after.getList("history.to"));
        assertEquals("CONFLICT_OF_INTEREST", after.getString("history[1].reasonCode"));
        assertEquals("DECLINED", after.getString("history[2].reasonCode"));

        List<EventTap.Seen> seen = events.awaitData("referralId", id, 3, PATIENCE);
        assertEquals(List.of("heartline.referral.created.v1", "heartline.referral.declined.v1",
                "heartline.referral.escalated.v1"), EventTap.types(seen));
        EventTap.Seen declined = seen.get(1);
        assertEquals("SCHOOL_PSYCHOLOGIST", declined.data("tier"));
        assertEquals("DECLINED", declined.data("status"));
        assertEquals("CONFLICT_OF_INTEREST", declined.data("reasonCode"));
        EventTap.Seen rerouted = seen.get(2);
        assertEquals("SCHOOL_CENTRE", rerouted.data("tier"));
        assertEquals("SCHOOL_PSYCHOLOGIST", rerouted.data("previousTier"));
        assertEquals("PENDING", rerouted.data("status"));
        assertEquals("DECLINED", rerouted.data("reasonCode"));
        assertEquals(due, Instant.parse(rerouted.data("dueAt")));
        seen.forEach(s -> assertEquals(List.of(), s.schemaProblems()));
    }

    @Test
    void escalationGoesToTheNextOrANamedHigherTierAndHandsTheReferralToTheDistrict() {
        UUID id = pending();
        psychologist.req().body(Map.of("toTier", "CLASS_TEACHER")).post("/api/v1/referrals/" + id + "/escalate")
                .then().statusCode(400).body("errors[0].field", equalTo("toTier"));
        JsonPath next = act(psychologist, id, "escalate", Map.of("reason", FREE_TEXT + "getting worse"), 200);
        assertEquals("SCHOOL_CENTRE", next.getString("tier"));
        districtAdmin.req().get("/api/v1/referrals/" + id).then().statusCode(404);

        long t0 = System.nanoTime();
        JsonPath top = act(psychologist, id, "escalate", Map.of("toTier", "HOSPITAL"), 200);
        assertEquals("HOSPITAL", top.getString("tier"));
        assertEquals("PENDING", top.getString("status"));
        List<EventTap.Seen> seen = events.awaitData("referralId", id, 3, PATIENCE);
        EventTap.Seen toHospital = seen.get(2);
        long visibleMs = (toHospital.receivedNanos() - t0) / 1_000_000;
        System.out.printf("escalation to HOSPITAL visible to a subscriber %d ms after the request started%n",
                visibleMs);
        assertEquals("HOSPITAL", toHospital.data("tier"));
        assertEquals("SCHOOL_CENTRE", toHospital.data("previousTier"));
        assertEquals("MANUAL", toHospital.data("reasonCode"));
        assertTrue(visibleMs < 5_000, "well under a few seconds on an idle system: " + visibleMs + " ms");

        // The district centre now sees and works it; the school psychologist may no longer act on it.
        districtAdmin.req().get("/api/v1/referrals/" + id).then().statusCode(200).body("tier", equalTo("HOSPITAL"));
        psychologist.req().post("/api/v1/referrals/" + id + "/accept").then().statusCode(403);
        assertTrue(conflict(districtAdmin, id, "escalate", Map.of()).contains("highest tier"));
        JsonPath handedBack = act(districtAdmin, id, "decline", Map.of("reason", "no beds this week"), 200);
        assertEquals("DISTRICT_CENTRE", handedBack.getString("tier"), "a declining hospital hands back to the district");
        act(districtAdmin, id, "accept", 200);
    }

    @Test
    void assignmentNeedsSomeoneOfTheTiersRoleOrItsSupervisor() {
        UUID id = pending();
        JsonPath assigned = act(schoolAdmin, id, "assign", Map.of("assigneeId", colleague.sub()), 200);
        assertEquals(colleague.sub(), assigned.getString("assignee"));
        assertEquals("ASSIGNED", get(psychologist, id).getString("history[1].reasonCode"));
        schoolAdmin.req().body(Map.of("assigneeId", schoolAdmin.sub())).post("/api/v1/referrals/" + id + "/assign")
                .then().statusCode(400).body("errors[0].field", equalTo("assigneeId"));
        schoolAdmin.req().body(Map.of()).post("/api/v1/referrals/" + id + "/assign").then().statusCode(400);
        act(colleague, id, "accept", 200);
        assertEquals(colleague.sub(), get(psychologist, id).getString("assignee"), "accepting keeps the assignee");
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM referral_history WHERE referral_id = ? "
                + "AND reason_code = 'ASSIGNED' AND assignee = ?", id, colleague.sub()));
    }

    @Test
    void twoPeopleAcceptingAtOnceGetOneSuccessAndOneConflict() throws Exception {
        for (int round = 0; round < 5; round++) {
            UUID id = pending();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Integer>> both = List.of(
                        () -> psychologist.req().post("/api/v1/referrals/" + id + "/accept").statusCode(),
                        () -> colleague.req().post("/api/v1/referrals/" + id + "/accept").statusCode());
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(both)) {
                    codes.add(f.get());
                }
                codes.sort(Integer::compare);
                assertEquals(List.of(200, 409), codes);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, Sql.count(db, "SELECT count(*) FROM referral_history WHERE referral_id = ? "
                    + "AND to_status = 'ACCEPTED'", id));
        }
    }

    @Test
    void theHistoryIsAppendOnly() {
        UUID id = pending();
        try {
            Sql.update(db, "UPDATE referral_history SET reason = 'rewritten' WHERE referral_id = ?", id);
            throw new AssertionError("the update should have been refused");
        } catch (IllegalStateException e) {
            assertTrue(e.getCause().getMessage().contains("append-only"), e.getCause().getMessage());
        }
    }
}
