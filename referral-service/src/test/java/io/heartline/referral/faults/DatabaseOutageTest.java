package io.heartline.referral.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.DatabaseOutage;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.LogCapture;
import io.heartline.platform.testsupport.Sql;
import io.heartline.referral.support.Referrals;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The database goes away between a request and its answer: the client gets an honest 503 with Retry-After (not a
 * 500), the pool replaces its dead connections by itself, and the retry with the same Idempotency-Key stores the
 * referral exactly once.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class DatabaseOutageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;

    @Test
    void aWriteCutOffByTheDatabaseAnswers503AndItsRetryWithTheSameKeyStoresExactlyOne() throws Exception {
        Who psychologist = Who.of("psychologist", Who.unique("school"), Who.unique("district"));
        String subject = Who.unique("student");
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Response first;
        long cut;
        try (LogCapture log = LogCapture.start()) {
            try (DatabaseOutage outage = DatabaseOutage.ofServiceDatabase()
                    .holdIdempotencyKey("referrals", psychologist.sub(), key)) {
                Future<Response> answer = pool.submit(() -> psychologist.req().header("Idempotency-Key", key)
                        .body(Referrals.body(subject, "GUARDIAN", "ROUTINE")).post("/api/v1/referrals"));
                outage.awaitBlockedRequest(PATIENCE);
                cut = outage.cutEveryConnection();
                first = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            assertTrue(cut >= 1, "the request's connection was cut");
            assertEquals(503, first.statusCode(), first.asString());
            assertTrue(first.contentType().startsWith("application/problem+json"), first.contentType());
            assertNotNull(first.header("Retry-After"), "Retry-After tells the client when to try again");
            assertEquals(503, first.jsonPath().getInt("status"));
            // This read may itself meet a connection the outage cut (used within the last second, so not validated
            // on borrow): it fails once, the pool drops it, and the read is repeated.
            assertEquals(0L, (long) await().atMost(PATIENCE).ignoreExceptions()
                    .until(() -> Sql.count(db, "SELECT count(*) FROM referral WHERE subject_id = ?", subject),
                            n -> true), "the cut-off write rolled back");
            // The answer's side of the log: one warning line, no stack trace (the pool and relay may log their own).
            var web = log.records("io.heartline.platform.web");
            assertTrue(web.stream().anyMatch(r -> r.getMessage().contains("answered 503")), "the 503 is logged");
            assertTrue(web.stream().allMatch(r -> r.getThrown() == null
                    && r.getLevel().intValue() < Level.SEVERE.intValue()), "an outage is a warning without a stack trace");
        } finally {
            pool.shutdownNow();
        }

        // A client that waits as Retry-After says: by then the pool has checked its idle connections (the 503 made
        // it), so the retry just works.
        long wait = Long.parseLong(first.header("Retry-After"));
        await().pollDelay(Duration.ofSeconds(wait)).atMost(Duration.ofSeconds(wait + 1)).until(() -> true);
        Response retry = psychologist.req().header("Idempotency-Key", key)
                .body(Referrals.body(subject, "GUARDIAN", "ROUTINE")).post("/api/v1/referrals");
        assertEquals(201, retry.statusCode(), retry.asString());
        Response again = psychologist.req().header("Idempotency-Key", key)
                .body(Referrals.body(subject, "GUARDIAN", "ROUTINE")).post("/api/v1/referrals");
        assertEquals(201, again.statusCode());
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(retry.header("Location"), again.header("Location"));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM referral WHERE subject_id = ?", subject),
                "exactly one referral however often the client retried");
    }
}
