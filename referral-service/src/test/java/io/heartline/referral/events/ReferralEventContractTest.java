package io.heartline.referral.events;

import static io.heartline.referral.support.Referrals.FREE_TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.referral.support.Referrals;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Every referral event this service publishes obeys its schema and carries codes, never free text. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class ReferralEventContractTest {

    private static final Set<String> REFERRAL_DATA_FIELDS = Set.of("referralId", "subjectId", "subjectType", "tier",
            "previousTier", "status", "reasonCode", "urgency", "source", "screeningId", "dueAt", "outcome",
            "assigneeId");

    @Test
    void everyEventTypeIsPublishedSchemaValidAndFreeOfFreeText() {
        String school = Who.unique("school");
        String district = Who.unique("district");
        Who psychologist = Who.of("psychologist", school, district);
        Map<String, String> reason = Map.of("reason", FREE_TEXT + "details only for the history");

        UUID completed = Referrals.create(psychologist, Who.unique("student"), "GUARDIAN", "ROUTINE");
        Referrals.act(psychologist, completed, "decline", reason, 200);
        Referrals.act(psychologist, completed, "accept", 200);
        Referrals.act(psychologist, completed, "assign", Map.of("assigneeId", psychologist.sub()), 200);
        Referrals.act(psychologist, completed, "start", 200);
        Referrals.act(psychologist, completed, "complete", Map.of("outcome", "REFERRED_EXTERNALLY",
                "reason", FREE_TEXT + "to a private therapist"), 200);
        UUID cancelled = Referrals.create(psychologist, Who.unique("student"), "PEER", "URGENT");
        Referrals.act(psychologist, cancelled, "escalate", reason, 200);
        Referrals.act(psychologist, cancelled, "cancel", Map.of("reason", FREE_TEXT + "duplicate",
                "reasonCode", "DUPLICATE"), 200);

        EventTap tap = EventTap.of(Topics.REFERRAL);
        List<EventTap.Seen> first = tap.awaitData("referralId", completed, 7, Duration.ofSeconds(30));
        List<EventTap.Seen> second = tap.awaitData("referralId", cancelled, 3, Duration.ofSeconds(30));
        assertEquals(List.of("heartline.referral.created.v1", "heartline.referral.declined.v1",
                "heartline.referral.escalated.v1", "heartline.referral.accepted.v1",
                "heartline.referral.assigned.v1", "heartline.referral.started.v1",
                "heartline.referral.completed.v1"), EventTap.types(first));
        assertEquals(psychologist.sub(), first.get(4).data("assigneeId"));
        assertEquals(List.of("heartline.referral.created.v1", "heartline.referral.escalated.v1",
                "heartline.referral.cancelled.v1"), EventTap.types(second));

        // Everything the service published in this test JVM so far, not only this test's events.
        List<EventTap.Seen> all = tap.all();
        Set<String> types = new TreeSet<>();
        for (EventTap.Seen s : all) {
            types.add(s.event().type());
            assertEquals(List.of(), s.schemaProblems(), s.event().type() + " " + s.event().id());
            assertEquals("/heartline/referral", s.event().source());
            assertEquals(s.event().subject(), s.key(), "keyed by subject");
            assertEquals(s.event().subject(), s.data("subjectId"));
            Set<String> fields = new TreeSet<>();
            s.event().data().fieldNames().forEachRemaining(fields::add);
            assertTrue(REFERRAL_DATA_FIELDS.containsAll(fields), fields.toString());
            String code = s.data("reasonCode");
            assertTrue(code == null || code.matches("^[A-Z][A-Z0-9_]*$"), code);
            assertFalse(new String(s.raw(), StandardCharsets.UTF_8).contains(FREE_TEXT), "free text in an event");
        }
        assertTrue(types.containsAll(Set.of("heartline.referral.created.v1", "heartline.referral.accepted.v1",
                "heartline.referral.declined.v1", "heartline.referral.escalated.v1",
                "heartline.referral.completed.v1", "heartline.referral.cancelled.v1")), types.toString());
    }
}
