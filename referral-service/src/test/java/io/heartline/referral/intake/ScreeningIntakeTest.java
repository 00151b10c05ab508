package io.heartline.referral.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.messaging.InboxConsumer;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TopicReader;
import io.heartline.referral.support.Referrals;
import io.heartline.referral.support.Screenings;
import io.heartline.platform.testsupport.Sql;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** risk-flagged events in: exactly one referral per screening, whatever the delivery; poison to the DLQ. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class ScreeningIntakeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DLQ = Topics.deadLetter(Topics.SCREENING, ScreeningFlagHandler.CONSUMER);

    private final String school = Who.unique("school");
    private final String district = Who.unique("district");
    private final Who psychologist = Who.of("psychologist", school, district);
    private final EventTap referrals = EventTap.of(Topics.REFERRAL);

    @Inject
    AgroalDataSource db;

    private long referralsOf(UUID screeningId) {
        return Sql.count(db, "SELECT count(*) FROM referral WHERE screening_id = ?", screeningId);
    }

    private UUID referralOf(UUID screeningId) {
        await().atMost(PATIENCE).until(() -> referralsOf(screeningId) == 1);
        return UUID.fromString(Sql.string(db, "SELECT id::text FROM referral WHERE screening_id = ?", screeningId));
    }

    @Test
    void aCriticalScreeningOpensOneEmergencyReferralAtTheSchoolCentre() {
        String subject = Who.unique("student");
        UUID screening = UUID.randomUUID();
        OutgoingEvent event = Screenings.flagged(subject, school, district, "CRITICAL", screening,
                "SELF_HARM_IDEATION");
        long sentAt;
        try (Screenings screenings = new Screenings()) {
            sentAt = System.nanoTime();
            screenings.send(event);
        }
        UUID id = referralOf(screening);
        EventTap.Seen created = referrals.awaitData("referralId", id, 1, PATIENCE).get(0);
        System.out.printf("risk-flagged published -> referral created event visible: %d ms%n",
                (created.receivedNanos() - sentAt) / 1_000_000);

        JsonPath r = Referrals.get(psychologist, id);
        assertEquals("SCHOOL_CENTRE", r.getString("tier"));
        assertEquals("PENDING", r.getString("status"));
        assertEquals("EMERGENCY", r.getString("urgency"));
        assertEquals("SCREENING", r.getString("source"));
        assertEquals("CRITICAL", r.getString("riskLevel"));
        assertEquals(List.of("SELF_HARM_IDEATION"), r.getList("flags"));
        assertEquals(screening.toString(), r.getString("screeningId"));
        assertEquals("system:screening-intake", r.getString("history[0].actor"));
        assertEquals("RISK_FLAGGED", r.getString("history[0].reasonCode"));
        assertEquals(Duration.ofHours(2), Duration.between(Instant.parse(r.getString("createdAt")),
                Instant.parse(r.getString("dueAt"))));

        assertEquals("heartline.referral.created.v1", created.event().type());
        assertEquals(List.of(), created.schemaProblems());
        assertEquals(screening.toString(), created.data("screeningId"));
        assertEquals("SCREENING", created.data("source"));
        assertEquals("EMERGENCY", created.data("urgency"));
        assertEquals("RISK_FLAGGED", created.data("reasonCode"));
        assertEquals(subject, created.key());
        String raw = new String(created.raw(), StandardCharsets.UTF_8);
        assertFalse(raw.contains("SELF_HARM_IDEATION") || raw.contains("riskLevel") || raw.contains("flags"),
                "no risk level or flags in referral events: " + raw);
    }

    @Test
    void theReferralsEventsCarryTheRequestIdAndTraceOfTheScreeningThatCausedThem() {
        String subject = Who.unique("student");
        UUID screening = UUID.randomUUID();
        String requestId = "req-" + subject;
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        try (Screenings screenings = new Screenings()) {
            screenings.send(Screenings.traced(traceparent, subject, "STUDENT", school, district, "HIGH", screening),
                    requestId);
        }
        UUID id = referralOf(screening);
        EventTap.Seen created = referrals.awaitData("referralId", id, 1, PATIENCE).get(0);
        assertEquals(requestId, created.event().requestId());
        assertEquals(traceparent, created.event().traceparent());

        // and so do the referral's later events, caused by people (their own request ids)
        Referrals.act(psychologist, id, "accept", 200);
        EventTap.Seen accepted = referrals.awaitData("referralId", id, 2, PATIENCE).get(1);
        assertEquals("heartline.referral.accepted.v1", accepted.event().type());
        assertFalse(requestId.equals(accepted.event().requestId()), "the accept has its own request id");
    }

    @Test
    void theSameEventDeliveredThreeTimesOpensOneReferral() {
        String subject = Who.unique("student");
        UUID screening = UUID.randomUUID();
        OutgoingEvent event = Screenings.flagged(subject, school, district, "HIGH", screening);
        UUID markerScreening = UUID.randomUUID();
        OutgoingEvent marker = Screenings.flagged(subject, school, district, "MODERATE", markerScreening);
        try (Screenings screenings = new Screenings()) {
            for (int i = 0; i < 3; i++) {
                screenings.send(event);
            }
            screenings.send(marker); // same key, same partition: handled after the three copies
        }
        UUID id = referralOf(screening);
        UUID markerId = referralOf(markerScreening);
        referrals.awaitData("referralId", markerId, 1, PATIENCE); // same subject key: the earlier events are on the topic too
        assertEquals(1, referralsOf(screening));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                ScreeningFlagHandler.CONSUMER, event.id()));
        assertEquals(1, referrals.forData("referralId", id).size(), "one created event");
        assertEquals("SCHOOL_CENTRE", referrals.forData("referralId", id).get(0).data("tier"));
        assertEquals("SCHOOL_PSYCHOLOGIST", referrals.forData("referralId", markerId).get(0).data("tier"));
    }

    @Test
    void aScreeningRepublishedUnderANewEventIdStillHasOneReferral() {
        String subject = Who.unique("student");
        UUID screening = UUID.randomUUID();
        OutgoingEvent first = Screenings.flagged(subject, school, district, "MODERATE", screening);
        OutgoingEvent again = Screenings.flagged(subject, school, district, "MODERATE", screening);
        UUID markerScreening = UUID.randomUUID();
        OutgoingEvent marker = Screenings.flagged(subject, school, district, "HIGH", markerScreening);
        try (Screenings screenings = new Screenings()) {
            screenings.send(first);
            screenings.send(again);
            screenings.send(marker);
        }
        UUID id = referralOf(screening);
        referrals.awaitData("referralId", referralOf(markerScreening), 1, PATIENCE);
        assertEquals(1, referralsOf(screening));
        assertEquals(2, Sql.count(db, "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id IN (?, ?)",
                ScreeningFlagHandler.CONSUMER, first.id(), again.id()), "both handled, the second changed nothing");
        assertEquals(1, referrals.forData("referralId", id).size());
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndLaterEventsAreStillHandled() {
        String subject = Who.unique("student");
        OutgoingEvent lowRisk = Screenings.flagged(subject, school, district, "LOW", UUID.randomUUID());
        OutgoingEvent otherSubject = Screenings.mismatched(subject, Who.unique("student"), school, district);
        OutgoingEvent nowhere = Screenings.flagged(subject, null, null, "HIGH", UUID.randomUUID());
        UUID good = UUID.randomUUID();
        try (Screenings screenings = new Screenings()) {
            screenings.send(subject, "{not json " + subject);
            screenings.send(subject, lowRisk.payload()); // LOW is not a flagged level: the schema refuses it
            screenings.send(otherSubject); // envelope subject differs from data.subjectId
            screenings.send(nowhere); // neither school nor district: nobody could act on it
            screenings.send(Screenings.flagged(subject, school, district, "HIGH", good));
        }
        referralOf(good);
        try (TopicReader dead = TopicReader.of(DLQ)) {
            List<ConsumerRecord<String, byte[]>> parked = dead.pollUntil(
                    rs -> rs.stream().filter(r -> subject.equals(r.key())).count() >= 4, PATIENCE)
                    .stream().filter(r -> subject.equals(r.key())).toList();
            assertEquals(4, parked.size());
            assertTrue(new String(parked.get(0).value(), StandardCharsets.UTF_8).startsWith("{not json"));
            for (ConsumerRecord<String, byte[]> r : parked) {
                assertTrue(header(r, InboxConsumer.H_EXCEPTION).contains("MalformedEventException"),
                        header(r, InboxConsumer.H_EXCEPTION));
                assertTrue(header(r, InboxConsumer.H_ORIGINAL).startsWith(Topics.SCREENING + "/"));
            }
            assertTrue(header(parked.get(1), InboxConsumer.H_ERROR).contains("schema"));
            assertTrue(header(parked.get(2), InboxConsumer.H_ERROR).contains("differs"));
            assertTrue(header(parked.get(3), InboxConsumer.H_ERROR).contains("neither school nor district"));
        }
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM referral WHERE subject_id = ? AND screening_id <> ?",
                subject, good));
    }

    /**
     * The database fails the flag's transaction more often than the consumer's attempt budget (3) allows, for a
     * reason the platform knows to be passing: another session holds the referral table (ACCESS EXCLUSIVE, as a
     * migration or a VACUUM FULL would) and, each time the consumer's transaction waits for it, its backend is
     * terminated (SQLSTATE 57P01, as at a server restart or failover). The platform inbox waits such failures out
     * without counting them, so when the table is free again the referral is opened and nothing was parked.
     */
    @Test
    void aFlagThatFailsForAPassingReasonMoreOftenThanItsAttemptsIsRetriedNotParked() throws SQLException {
        String subject = Who.unique("student");
        UUID screening = UUID.randomUUID();
        int failures = 4; // more than heartline.messaging.consumer.max-attempts (3)
        List<Integer> terminated = new ArrayList<>();
        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            int holderPid;
            try (Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE referral IN ACCESS EXCLUSIVE MODE");
                try (ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    holderPid = rs.getInt(1);
                }
            }
            try (Screenings screenings = new Screenings()) {
                screenings.send(Screenings.flagged(subject, school, district, "CRITICAL", screening,
                        "SELF_HARM_IDEATION"));
            }
            for (int i = 0; i < failures; i++) {
                int pid = await("intake attempt " + (i + 1) + " waiting for the table").atMost(PATIENCE)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> intakeWaitingFor(holderPid, terminated), Objects::nonNull);
                try (PreparedStatement ps = holder.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    ps.setInt(1, pid);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next() && rs.getBoolean(1), "terminated " + pid);
                    }
                }
                terminated.add(pid);
            }
            holder.rollback(); // the table is free again
        }
        assertEquals(failures, terminated.size());
        UUID id = referralOf(screening);
        assertEquals(1, referralsOf(screening));
        assertNotNull(referrals.awaitData("referralId", id, 1, PATIENCE).get(0));
        try (TopicReader dead = TopicReader.of(DLQ)) {
            assertEquals(0, dead.drain(Duration.ofSeconds(2)).stream().filter(r -> subject.equals(r.key())).count());
        }
    }

    /**
     * The backend of the intake's transaction while it waits for the lock {@code holderPid} has (its lookup of the
     * screening's referral), or null. Read on a connection of its own: within the holder's transaction
     * pg_stat_activity would show the same snapshot every time.
     */
    private Integer intakeWaitingFor(int holderPid, List<Integer> terminated) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT pid FROM pg_stat_activity
                WHERE ? = ANY (pg_blocking_pids(pid)) AND query LIKE '%screening_id=%'""")) {
            ps.setInt(1, holderPid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!terminated.contains(rs.getInt(1))) {
                        return rs.getInt(1);
                    }
                }
                return null;
            }
        }
    }

    @Test
    void aScreeningWithoutASchoolGoesToTheDistrictCentre() {
        String subject = Who.unique("staff");
        UUID screening = UUID.randomUUID();
        try (Screenings screenings = new Screenings()) {
            screenings.send(Screenings.flagged(subject, "STAFF", null, district, "MODERATE", screening));
        }
        UUID id = referralOf(screening);
        JsonPath r = Referrals.get(Who.districtLevel("district-admin", district), id);
        assertEquals("DISTRICT_CENTRE", r.getString("tier"));
        assertEquals("STAFF", r.getString("subjectType"));
        // MODERATE is routed with 48 h; the district centre's cap is 24 h
        assertEquals(Duration.ofHours(24), Duration.between(Instant.parse(r.getString("createdAt")),
                Instant.parse(r.getString("dueAt"))));
        assertNotNull(referrals.awaitData("referralId", id, 1, PATIENCE).get(0));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
