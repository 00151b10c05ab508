package io.heartline.crisis.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The wiring, end to end: a harm report raises an alert, and the district's subscriber receives it signed. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class AlertWebhookTest {

    @Test
    void aRaisedAlertReachesTheDistrictsWebhookSignedAndWithoutTheNote() throws Exception {
        String district = Who.unique("district");
        String school = Who.unique("school");
        try (Receiver receiver = new Receiver(); Receiver otherDistrict = new Receiver()) {
            JsonPath created = Who.districtLevel("district-admin", district).req()
                    .body(Map.of("url", receiver.url(), "kinds", List.of("CRISIS_REPORT_HARM")))
                    .post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().jsonPath();
            receiver.secret(created.getString("secret"));
            JsonPath other = Who.districtLevel("district-admin", Who.unique("district")).req()
                    .body(Map.of("url", otherDistrict.url())).post("/api/v1/webhook-subscriptions").then()
                    .statusCode(201).extract().jsonPath();
            otherDistrict.secret(other.getString("secret"));

            Map<String, Object> report = new HashMap<>(Crisis.report(Who.unique("student"), "CLASS_TEACHER",
                    TestClock.now(), false));
            report.put("indicators", List.of("BEHAVIOUR_SELF_HARM_OR_HARM_TO_OTHERS"));
            String caseId = Who.of("teacher", school, district).req().body(report).post("/api/v1/crisis-reports")
                    .then().statusCode(201).extract().path("caseId");

            // With nobody on duty the alert may climb at once (escalated, unanswered): find the raise among them.
            await().atMost(Duration.ofSeconds(30)).until(() -> raised(receiver) != null);
            Receiver.Request got = raised(receiver);
            assertTrue(got.verified(), "signature verified by the standardwebhooks library: " + got);
            JsonPath body = JsonPath.from(got.body());
            assertEquals("alert.raised", body.getString("type"));
            assertEquals("CRISIS_REPORT_HARM", body.getString("data.kind"));
            assertEquals(school, body.getString("data.school"));
            assertFalse(got.body().contains(Crisis.CANARY), got.body());
            assertFalse(got.body().contains("BEHAVIOUR_SELF_HARM"), "indicators stay out: " + got.body());
            assertEquals(caseId, body.getString("data.record.id"));
            assertEquals(0, otherDistrict.count());
        }
    }

    private static Receiver.Request raised(Receiver receiver) {
        return receiver.requests().stream().filter(r -> r.body().contains("\"alert.raised\"")).findFirst()
                .orElse(null);
    }
}
