package io.heartline.screening.submission;

import static io.heartline.screening.support.Api.answers;
import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.phqA;
import static io.heartline.screening.support.Api.submitted;
import static io.heartline.screening.support.Api.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventSchemas;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TopicReader;
import io.heartline.screening.support.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Events go out once per submission through the outbox, each valid against its schema, and neither events nor log
 * lines ever carry an answer: the CANARY-TEST instrument's only non-zero answer value is a number found nowhere else.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class EventsAndPrivacyTest {

    private static final String CANARY = "7319846";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    private final String school = newSchool();

    private static List<JsonNode> eventsAbout(List<ConsumerRecord<String, byte[]>> records, String subject) {
        return records.stream().filter(r -> subject.equals(r.key())).map(r -> {
            try {
                return JSON.readTree(r.value());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void submissionBelowModeratePublishesOneSubmittedEvent() {
        String student = newPerson("student");
        String id = submitted(token(student, school, "student"), body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0)));
        try (TopicReader reader = TopicReader.of(Topics.SCREENING)) {
            List<ConsumerRecord<String, byte[]>> records = reader.pollUntil(
                    r -> r.stream().anyMatch(x -> student.equals(x.key())), PATIENCE);
            // Give a duplicate the chance to show up before counting.
            records = reader.drain(Duration.ofMillis(500));
            List<JsonNode> events = eventsAbout(records, student);
            assertEquals(1, events.size(), "exactly one event for a NONE result");
            JsonNode e = events.get(0);
            assertEquals("heartline.screening.submitted.v1", e.path("type").asText());
            assertEquals(student, e.path("subject").asText());
            assertEquals(school, e.path("school").asText());
            assertEquals("district-1", e.path("district").asText());
            JsonNode data = e.path("data");
            assertEquals(id, data.path("screeningId").asText());
            assertEquals("GAD-7", data.path("instrument").asText());
            assertEquals("STUDENT", data.path("subjectType").asText());
            assertEquals("NONE", data.path("riskLevel").asText());
            assertEquals(Set.of("screeningId", "instrument", "subjectId", "subjectType", "riskLevel", "submittedAt"),
                    fieldNames(data));
            records.stream().filter(r -> student.equals(r.key()))
                    .forEach(r -> assertEquals(List.of(), EventSchemas.get().validate(r.value())));
        }
    }

    @Test
    void criticalSubmissionAlsoPublishesRiskFlaggedWithFlagCodes() {
        String student = newPerson("student");
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String id = as(token(student, school, "student")).header("traceparent", traceparent)
                .header("X-Request-Id", "events-probe-1")
                .body(body("PHQ-A", phqA(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2)))
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        try (TopicReader reader = TopicReader.of(Topics.SCREENING)) {
            List<ConsumerRecord<String, byte[]>> records = reader.pollUntil(
                    r -> r.stream().filter(x -> student.equals(x.key())).count() >= 2, PATIENCE);
            records = reader.drain(Duration.ofMillis(500));
            List<JsonNode> events = eventsAbout(records, student);
            assertEquals(List.of("heartline.screening.submitted.v1", "heartline.screening.risk-flagged.v1"),
                    events.stream().map(e -> e.path("type").asText()).toList(), "both, once each, in order");
            JsonNode flagged = events.get(1).path("data");
            assertEquals(id, flagged.path("screeningId").asText());
            assertEquals("CRITICAL", flagged.path("riskLevel").asText());
            assertEquals(List.of("SELF_HARM_IDEATION", "SUICIDAL_THOUGHTS_PAST_MONTH", "SUICIDE_ATTEMPT_EVER"),
                    JSON.convertValue(flagged.path("flags"), List.class));
            assertEquals(traceparent, events.get(1).path("traceparent").asText());
            for (ConsumerRecord<String, byte[]> r : records.stream().filter(x -> student.equals(x.key())).toList()) {
                assertEquals(List.of(), EventSchemas.get().validate(r.value()));
                assertEquals("events-probe-1", new String(r.headers().lastHeader("X-Request-Id").value(),
                        StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void moderateByBandIsFlaggedWithoutCodes() {
        String staff = newPerson("staff");
        submitted(token(staff, school, "staff"), body("WHO-5", answers(2, 2, 2, 2, 2))); // 40%: MODERATE
        try (TopicReader reader = TopicReader.of(Topics.SCREENING)) {
            List<JsonNode> events = eventsAbout(reader.pollUntil(
                    r -> r.stream().filter(x -> staff.equals(x.key())).count() >= 2, PATIENCE), staff);
            assertEquals("heartline.screening.risk-flagged.v1", events.get(1).path("type").asText());
            assertEquals("MODERATE", events.get(1).path("data").path("riskLevel").asText());
            assertEquals(0, events.get(1).path("data").path("flags").size());
            assertEquals("STAFF", events.get(1).path("data").path("subjectType").asText());
        }
    }

    @Test
    void noAnswerOrScoreEverLeavesInAnEventOrALogLine() throws IOException {
        String student = newPerson("student");
        String t = token(student, school, "student");
        // A valid canary answer, scored and stored...
        String id = submitted(t, body("CANARY-TEST", answers(7319846, 7319846)));
        // ...an invalid one (out of range for GAD-7), and one that is a replay with another body.
        as(t).body(body("GAD-7", answers(7319846, 0, 0, 0, 0, 0, 0))).post("/api/v1/screenings").then().statusCode(400);
        String key = UUID.randomUUID().toString();
        as(t).header("Idempotency-Key", key).body(body("CANARY-TEST", answers(0, 0))).post("/api/v1/screenings")
                .then().statusCode(201);
        as(t).header("Idempotency-Key", key).body(body("CANARY-TEST", answers(7319846, 0))).post("/api/v1/screenings")
                .then().statusCode(422);
        // The psychologist reads it (and the audit log is written).
        as(token(newPerson("psy"), school, "psychologist")).get("/api/v1/screenings/" + id).then().statusCode(200)
                .body("totalScore", org.hamcrest.Matchers.equalTo(14639692));

        // Positive control: the canary really was processed and stored.
        assertEquals(1, Db.count(db, "SELECT count(*) FROM screening WHERE id = ?::uuid AND answers::text LIKE ?",
                id, "%" + CANARY + "%"));
        try (TopicReader reader = TopicReader.of(Topics.SCREENING)) {
            List<ConsumerRecord<String, byte[]>> records = reader.pollUntil(
                    r -> r.stream().filter(x -> student.equals(x.key())).count() >= 3, PATIENCE);
            List<ConsumerRecord<String, byte[]>> mine = records.stream().filter(x -> student.equals(x.key())).toList();
            assertEquals(3, mine.size(), "submitted + risk-flagged for the canary, submitted for the quiet one");
            for (ConsumerRecord<String, byte[]> r : records) {
                String text = new String(r.value(), StandardCharsets.UTF_8);
                assertFalse(text.contains(CANARY), "an event carries an answer or score: " + text);
                assertFalse(text.contains("answers") || text.contains("totalScore"), text);
                assertEquals(List.of(), EventSchemas.get().validate(r.value()));
            }
        }
        assertEquals(0, Db.count(db, "SELECT count(*) FROM outbox_event WHERE convert_from(payload, 'UTF8') LIKE ?",
                "%" + CANARY + "%"));
        assertEquals(0, Db.count(db, "SELECT count(*) FROM audit_record WHERE concat_ws(' ', actor, actor_role,"
                + " subject_id, record_type, record_id, endpoint, request_id) LIKE ?", "%" + CANARY + "%"));

        Path log = Path.of("target/screening-test.log");
        assertTrue(Files.exists(log), "the test profile writes every log line to " + log);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertTrue(lines.size() > 10, "the log file is in use");
        List<String> leaking = lines.stream().filter(l -> l.contains(CANARY)).collect(Collectors.toList());
        assertEquals(List.of(), leaking, "log lines carrying an answer value");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
