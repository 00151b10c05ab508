package io.heartline.crisis.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.Who;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** The live stream: only the caller's alerts, heartbeats, resumption with Last-Event-ID, and no free text. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class AlertStreamTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    FeedRetention feedRetention;

    final EventTap tap = EventTap.of(Topics.CRISIS);

    static String url() {
        return "http://localhost:" + RestAssured.port + "/api/v1/alerts/stream";
    }

    private String alertOf(UUID record) {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> Sql.count(ds, "SELECT count(*) FROM alert WHERE record_id = ?", record) > 0);
        return Sql.string(ds, "SELECT id::text FROM alert WHERE record_id = ?", record);
    }

    @Test
    void anAlertAppearsOnlyOnItsTargetsStreamAndResumesAfterTheLastEventId() {
        Oncall o = Oncall.create();
        String alert;
        String raisedId;
        try (SseClient mine = new SseClient(url(), o.onDuty().token(), null);
                SseClient others = new SseClient(url(), o.head().token(), null)) {
            mine.awaitComment("connected", Duration.ofSeconds(10));
            others.awaitComment("connected", Duration.ofSeconds(10));
            assertEquals(200, mine.status);
            assertTrue(mine.contentType.startsWith("text/event-stream"), mine.contentType);
            alert = alertOf(o.harmReport());
            SseClient.Event raised = mine.await(e -> e.data().contains(alert), Duration.ofSeconds(10));
            assertEquals("alert-raised", raised.name());
            JsonPath data = new JsonPath(raised.data());
            assertEquals("RAISED", data.getString("change"));
            assertEquals(alert, data.getString("alert.id"));
            assertEquals("CRISIS_REPORT_HARM", data.getString("alert.kind"));
            assertEquals(o.onDuty().sub(), data.getString("alert.target"));
            raisedId = raised.id();
            mine.awaitComment("heartbeat", Duration.ofSeconds(5));
            others.awaitComment("heartbeat", Duration.ofSeconds(5));
            assertTrue(others.events.stream().noneMatch(e -> e.data().contains(alert)), "not the head's alert yet");
            assertFalse(mine.raw.toString().contains(Crisis.CANARY), "no note on the stream");
        }
        // while the stream is closed: acknowledged, then resolved
        o.onDuty().req().post("/api/v1/alerts/" + alert + "/acknowledge").then().statusCode(200);
        o.onDuty().req().body(java.util.Map.of("reason", "done")).post("/api/v1/alerts/" + alert + "/resolve").then()
                .statusCode(200);
        try (SseClient resumed = new SseClient(url(), o.onDuty().token(), raisedId)) {
            resumed.await(e -> "alert-resolved".equals(e.name()) && e.data().contains(alert), Duration.ofSeconds(10));
            List<String> names = resumed.events.stream().filter(e -> e.data().contains(alert))
                    .map(SseClient.Event::name).toList();
            assertEquals(List.of("alert-acknowledged", "alert-resolved"), names, "what was missed, nothing twice");
            assertTrue(Long.parseLong(resumed.events.get(0).id()) > Long.parseLong(raisedId));
            // each event names its change; the alert in it is its state when delivered (here: already resolved)
            assertEquals("ACKNOWLEDGED", new JsonPath(resumed.events.get(0).data()).getString("change"));
            assertEquals("RESOLVED", new JsonPath(resumed.events.get(0).data()).getString("alert.status"));
        }
        // a bad Last-Event-ID is a 400 problem; a role outside the staff a 403
        Who psych = o.onDuty();
        RestAssured.given().auth().oauth2(psych.token()).header("Last-Event-ID", "yesterday").get(url()).then()
                .statusCode(400);
        RestAssured.given().auth().oauth2(Who.of("student", o.school(), o.district()).token()).get(url()).then()
                .statusCode(403);
    }

    @Test
    void feedRowsPastRetentionArePurgedAndTheAlertStays() {
        Oncall o = Oncall.create();
        UUID alert = UUID.fromString(alertOf(o.harmReport()));
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM alert_change WHERE alert_id = ? AND change = 'RAISED'",
                alert));
        io.heartline.crisis.support.TestClock.advance(Duration.ofDays(8)); // past the 7-day feed retention
        assertTrue(feedRetention.purge() >= 1);
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM alert_change WHERE alert_id = ? AND change = 'RAISED'",
                alert), "the feed row is gone");
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM alert WHERE id = ?", alert), "the alert is kept");
        assertEquals(1, Sql.count(ds, "SELECT count(*) FROM alert_recipient WHERE alert_id = ? AND person_id = ?",
                alert, o.onDuty().sub()), "and who was paged");
    }

    @Test
    void theStreamFollowsEscalationAcrossPeople() {
        Oncall o = Oncall.create();
        try (SseClient head = new SseClient(url(), o.head().token(), null)) {
            head.awaitComment("connected", Duration.ofSeconds(10));
            String alert = alertOf(o.harmReport());
            io.heartline.crisis.support.TestClock.advance(Duration.ofSeconds(61));
            // the scheduled sweep (1 s in tests) moves it to the head
            SseClient.Event e = head.await(x -> x.data().contains(alert), Duration.ofSeconds(15));
            assertEquals("alert-escalated", e.name());
            assertEquals(2, new JsonPath(e.data()).getInt("alert.step"));
        }
    }

    @Test
    void privacyCanaryIsAbsentFromAlertsListsAndEvents() {
        Oncall o = Oncall.create();
        UUID caseId = o.harmReport();
        String alert = alertOf(caseId);
        String list = o.onDuty().req().get("/api/v1/alerts?mine=true").asString();
        assertTrue(list.contains(alert));
        assertFalse(list.contains(Crisis.CANARY));
        tap.awaitData("alertId", alert, 1, Duration.ofSeconds(30));
        tap.forData("alertId", alert).forEach(s -> {
            assertFalse(new String(s.raw(), java.nio.charset.StandardCharsets.UTF_8).contains(Crisis.CANARY));
            assertEquals(List.of(), s.schemaProblems());
        });
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM outbox_event WHERE convert_from(payload, 'UTF8') LIKE ?",
                "%" + Crisis.CANARY + "%alertId%"));
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM alert WHERE policy::text LIKE ? OR source_key LIKE ?",
                "%" + Crisis.CANARY + "%", "%" + Crisis.CANARY + "%"));
    }
}
