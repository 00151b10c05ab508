package io.heartline.crisis.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.Feeds;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;
import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.Sql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** training-service's certificate-revoked drops the qualification from the lead check's projection. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class QualificationRevocationTest {

    static final String DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");

    @Inject
    AgroalDataSource ds;

    @Test
    void aRevokedCrisisInterventionQualificationNoLongerQualifiesTheLead() {
        Who psych = Who.of("psychologist", SCHOOL, DISTRICT);
        UUID caseId = Crisis.openCase(Who.of("teacher", SCHOOL, DISTRICT), Who.unique("student"));
        String person = Who.unique("psy");
        UUID revokedCert = UUID.randomUUID();
        Instant now = TestClock.now();
        OutgoingEvent certified = certified(person, revokedCert, now.minus(Duration.ofDays(10)));
        Feeds.send(certified);
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM qualification WHERE certificate_id = ?", revokedCert) == 1);

        Feeds.send(revoked(person, revokedCert, now));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM qualification WHERE certificate_id = ?", revokedCert) == 0);
        assertEquals("LEAD_NOT_QUALIFIED", Crisis.conflict(psych, caseId, "lead", Map.of("personId", person)));

        // A redelivered certified event (same id) does not bring it back; a later, new certificate qualifies again.
        Feeds.send(certified);
        UUID newCert = UUID.randomUUID();
        Feeds.send(certified(person, newCert, now.minus(Duration.ofDays(1))));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM qualification WHERE certificate_id = ?", newCert) == 1);
        assertEquals(0, Sql.count(ds, "SELECT count(*) FROM qualification WHERE certificate_id = ?", revokedCert));
        Crisis.act(psych, caseId, "lead", Map.of("personId", person), 200);
    }

    private static OutgoingEvent certified(String person, UUID certificateId, Instant issuedAt) {
        ObjectNode data = EventSamples.data(EventTypes.Training.CERTIFIED);
        data.put("certificateId", certificateId.toString()).put("personId", person).put("kind", "CRISIS_INTERVENTION")
                .put("issuedAt", issuedAt.toString()).put("district", DISTRICT).putNull("expiresAt");
        return EventBuilder.from("training").type(EventTypes.Training.CERTIFIED).subject(person).district(DISTRICT)
                .data(data).build();
    }

    private static OutgoingEvent revoked(String person, UUID certificateId, Instant at) {
        ObjectNode data = EventSamples.data(EventTypes.Training.CERTIFICATE_REVOKED);
        data.put("certificateId", certificateId.toString()).put("personId", person).put("kind", "CRISIS_INTERVENTION")
                .put("revokedAt", at.toString()).put("district", DISTRICT);
        return EventBuilder.from("training").type(EventTypes.Training.CERTIFICATE_REVOKED).subject(person)
                .district(DISTRICT).data(data).build();
    }
}
