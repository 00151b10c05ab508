package io.heartline.crisis.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.crisis.support.Crisis;
import io.heartline.platform.testsupport.Sql;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** A canary in every note and review, and an anonymous reporter: neither reaches logs, events or the audit. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class CrisisPrivacyTest {

    static final String DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");

    @Inject
    AgroalDataSource ds;

    static final class Capture extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            StringBuilder sb = new StringBuilder(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    sb.append(' ').append(p);
                }
            }
            if (r.getThrown() != null) {
                sb.append(' ').append(r.getThrown());
            }
            lines.add(sb.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void notesAndAnonymousReportersStayInside() {
        Capture capture = new Capture();
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            Who student = Who.of("student", SCHOOL, DISTRICT);
            Who psych = Who.of("psychologist", SCHOOL, DISTRICT);
            String subject = Who.unique("student");
            UUID id = UUID.fromString(student.req().body(Crisis.report(subject, "ONLINE", TestClock.now(), true))
                    .post("/api/v1/crisis-reports").then().statusCode(201).extract().path("caseId"));
            Crisis.act(psych, id, "contact", Crisis.contact(), 200);
            Crisis.act(psych, id, "triage", Crisis.triage(3, 3, 3, null), 200);
            Crisis.act(psych, id, "actions", Map.of("kind", "GUARDIAN_INFORMED", "at", TestClock.now().toString(),
                    "note", Crisis.CANARY + " mother called"), 200);
            // an invalid request carrying the canary must not echo it either
            psych.req().body(Map.of("kind", "NOT_A_KIND", "at", TestClock.now().toString(), "note", Crisis.CANARY))
                    .post("/api/v1/crisis-cases/" + id + "/actions").then().statusCode(400);
            Crisis.act(psych, id, "close", Map.of("outcome", "ONGOING_CARE", "review", Map.of("wentWell",
                    Crisis.CANARY + " w", "toChange", Crisis.CANARY + " c")), 200);
            Crisis.get(psych, id);
            EventTap tap = EventTap.of(Topics.CRISIS);
            tap.await(s -> id.toString().equals(s.data("caseId")), 4, Duration.ofSeconds(45));

            for (var s : tap.all()) {
                String raw = new String(s.raw());
                assertTrue(!raw.contains(Crisis.CANARY) && !raw.contains(student.sub()), s.event().type());
            }
            assertEquals(0, Sql.count(ds, "SELECT count(*) FROM audit_record a WHERE a::text LIKE ? OR a::text LIKE ?",
                    "%" + Crisis.CANARY + "%", "%" + student.sub() + "%"));
            assertEquals(0, Sql.count(ds, "SELECT count(*) FROM outbox_event o WHERE o::text LIKE ?",
                    "%" + Crisis.CANARY + "%"));
            Logger.getLogger("io.heartline.crisis.test").info("capture-probe");
            assertTrue(capture.lines.contains("capture-probe"), "the capture sees the service's log records");
            for (String line : capture.lines) {
                assertTrue(!line.contains(Crisis.CANARY) && !line.contains(student.sub()), line);
            }
        } finally {
            root.removeHandler(capture);
        }
    }
}
