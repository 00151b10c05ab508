package io.heartline.platform.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.SharedInfra;
import io.heartline.platform.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_messaging_test"))
class OutboxInboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    ProbeWriter writer;
    @Inject
    Outbox outbox;
    @Inject
    MessagingRuntime runtime;
    @Inject
    AgroalDataSource dataSource;

    /** Appends {@code perKey} events for each of {@code keys} keys, {@code perTx} per transaction; returns ids by key. */
    private Map<String, List<UUID>> appendCommitted(String prefix, int keys, int perKey, int perTx) {
        Map<String, List<UUID>> byKey = new LinkedHashMap<>();
        List<OutgoingEvent> tx = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                OutgoingEvent e = Probes.event(prefix + "-" + k);
                byKey.computeIfAbsent(e.key(), x -> new ArrayList<>()).add(e.id());
                tx.add(e);
                if (tx.size() == perTx) {
                    writer.commit(List.copyOf(tx));
                    tx.clear();
                }
            }
        }
        if (!tx.isEmpty()) {
            writer.commit(tx);
        }
        return byKey;
    }

    private static Set<UUID> all(Map<String, List<UUID>> byKey) {
        Set<UUID> ids = new HashSet<>();
        byKey.values().forEach(ids::addAll);
        return ids;
    }

    private long effects(String subjectPrefix) throws Exception {
        return Probes.scalar(dataSource, "SELECT count(*) FROM probe_effect WHERE subject LIKE ?", subjectPrefix + "%");
    }

    private long distinctEffects(String subjectPrefix) throws Exception {
        return Probes.scalar(dataSource, "SELECT count(DISTINCT event_id) FROM probe_effect WHERE subject LIKE ?",
                subjectPrefix + "%");
    }

    @Test
    void committedEventsArePublishedExactlyOnceInPerKeyOrder() {
        String run = "committed-" + UUID.randomUUID();
        Map<String, List<UUID>> appended = appendCommitted(run, 10, 100, 10);
        Set<UUID> ids = all(appended);
        assertEquals(1000, ids.size());

        try (TopicReader topic = TopicReader.of(Topics.SCREENING)) {
            List<ConsumerRecord<String, byte[]>> records = topic.pollUntil(r -> Probes.countOf(r, ids) >= 1000, PATIENCE);
            topic.drain(Duration.ofMillis(500));
            assertEquals(1000, Probes.countOf(topic.drain(Duration.ZERO), ids), "each event exactly once on the topic");
            assertEquals(appended, Probes.idsByKey(records, ids), "every key's events in append order");
        }
    }

    @Test
    void rolledBackEventsAreNeverPublished() throws Exception {
        String run = "rolledback-" + UUID.randomUUID();
        Set<UUID> rolledBack = new HashSet<>();
        for (int t = 0; t < 10; t++) {
            List<OutgoingEvent> events = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                OutgoingEvent e = Probes.event(run + "-" + i % 7);
                events.add(e);
                rolledBack.add(e.id());
            }
            assertThrows(ProbeWriter.RolledBack.class, () -> writer.appendThenFail(events));
        }
        assertEquals(1000, rolledBack.size());
        OutgoingEvent marker = Probes.event(run + "-marker");
        writer.commit(List.of(marker));

        try (TopicReader topic = TopicReader.of(Topics.SCREENING)) {
            List<ConsumerRecord<String, byte[]>> records = topic.pollUntil(
                    r -> Probes.countOf(r, Set.of(marker.id())) == 1, PATIENCE);
            assertEquals(1, Probes.countOf(records, Set.of(marker.id())), "the committed marker arrived");
            assertEquals(0, Probes.countOf(records, rolledBack), "no rolled-back event on the topic");
        }
        assertEquals(0, Probes.scalar(dataSource, "SELECT count(*) FROM outbox_event WHERE record_key LIKE ? "
                + "AND record_key <> ?", run + "%", run + "-marker"));
    }

    @Inject
    @org.eclipse.microprofile.health.Readiness
    MessagingHealth health;

    @Test
    void readinessReportsTheRelayAndConsumersRunning() {
        var response = health.call();
        assertEquals(org.eclipse.microprofile.health.HealthCheckResponse.Status.UP, response.getStatus());
        var data = response.getData().orElseThrow();
        assertEquals("running", data.get("inbox-probe"));
        assertEquals("running", data.get("outbox-relay-probe-main"));
    }

    @Test
    void appendOutsideATransactionIsRefused() {
        assertThrows(IllegalStateException.class, () -> outbox.append(Probes.event("no-tx")));
    }

    @Test
    void eventsAppendedWhileTheBrokerIsDownArePublishedAfterItReturns() throws Exception {
        String run = "outage-" + UUID.randomUUID();
        SharedInfra.kafka().stop();
        try {
            Map<String, List<UUID>> appended = appendCommitted(run, 5, 100, 10);
            assertEquals(500, all(appended).size());
            assertTrue(Probes.scalar(dataSource, "SELECT count(*) FROM outbox_event WHERE seq > (SELECT last_value FROM outbox_relay_position) "
                    + "AND record_key LIKE ?", run + "%") == 500, "nothing can be sent while the broker is away");
        } finally {
            SharedInfra.kafka().restart();
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> distinctEffects(run) == 500);
        // Give any redelivery a chance to show up before asserting nothing was handled twice.
        OutgoingEvent marker = Probes.event(run + "-marker");
        writer.commit(List.of(marker));
        await().atMost(PATIENCE).until(() -> effects(run + "-marker") == 1);
        assertEquals(501, effects(run), "every event handled once, none twice");
        assertEquals(0, Probes.scalar(dataSource,
                "SELECT count(*) FROM outbox_event WHERE seq > (SELECT last_value FROM outbox_relay_position) AND record_key LIKE ?", run + "%"));
    }

    @Test
    void anEventDeliveredThreeTimesActsOnce() throws Exception {
        String run = "triple-" + UUID.randomUUID();
        OutgoingEvent event = Probes.event(run);
        OutgoingEvent marker = Probes.event(run); // same key: same partition, handled after the copies
        try (Producer<String, byte[]> raw = rawProducer()) {
            for (int i = 0; i < 3; i++) {
                raw.send(new ProducerRecord<>(event.topic(), event.key(), event.payload())).get();
            }
            raw.send(new ProducerRecord<>(marker.topic(), marker.key(), marker.payload())).get();
        }
        await().atMost(PATIENCE).until(() -> Probes.scalar(dataSource,
                "SELECT count(*) FROM probe_effect WHERE event_id = ?", marker.id()) == 1);
        assertEquals(1, Probes.scalar(dataSource, "SELECT count(*) FROM probe_effect WHERE event_id = ?", event.id()));
        assertEquals(1, Probes.scalar(dataSource,
                "SELECT count(*) FROM processed_event WHERE consumer = 'probe' AND event_id = ?", event.id()));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndLaterRecordsAreHandled() throws Exception {
        String run = "poison-" + UUID.randomUUID(); // the handler always fails subjects starting with "poison-"
        String goodRun = "after-poison-" + UUID.randomUUID();
        byte[] garbage = ("{not an event " + run).getBytes(StandardCharsets.UTF_8);
        OutgoingEvent failing = Probes.event(run);
        List<OutgoingEvent> good = List.of(Probes.event(goodRun), Probes.event(goodRun), Probes.event(goodRun));
        try (Producer<String, byte[]> raw = rawProducer()) {
            raw.send(new ProducerRecord<>(Topics.SCREENING, goodRun, garbage)).get();
            raw.send(new ProducerRecord<>(Topics.SCREENING, goodRun, failing.payload())).get();
            for (OutgoingEvent e : good) {
                raw.send(new ProducerRecord<>(e.topic(), e.key(), e.payload())).get();
            }
        }
        await().atMost(PATIENCE).until(() -> effects(goodRun) == 3);
        assertEquals(0, effects(run), "the failing handler's effects were rolled back each time");

        String dlq = Topics.deadLetter(Topics.SCREENING, "probe");
        try (TopicReader dead = TopicReader.of(dlq)) {
            List<ConsumerRecord<String, byte[]>> parked = dead.pollUntil(r -> r.stream().filter(
                    x -> goodRun.equals(x.key())).count() >= 2, PATIENCE);
            ConsumerRecord<String, byte[]> garbageRecord = parked.stream()
                    .filter(x -> new String(x.value(), StandardCharsets.UTF_8).contains(run)
                            && Probes.idOf(x) == null)
                    .findFirst().orElseThrow();
            assertTrue(header(garbageRecord, InboxConsumer.H_EXCEPTION).contains("MalformedEventException"));
            ConsumerRecord<String, byte[]> failingRecord = parked.stream()
                    .filter(x -> failing.id().equals(Probes.idOf(x))).findFirst().orElseThrow();
            // The reason names the failure's type, never its message (which for SQL errors can quote row values).
            assertEquals(IllegalStateException.class.getName(), header(failingRecord, InboxConsumer.H_ERROR));
            assertEquals("3", header(failingRecord, InboxConsumer.H_ATTEMPTS));
            assertTrue(header(failingRecord, InboxConsumer.H_ORIGINAL).startsWith(Topics.SCREENING + "/"));
        }
    }

    @Test
    void recordsCarryTheirTypeAndAConsumerSkipsOtherTypesUnparsed() throws Exception {
        String run = "typed-" + UUID.randomUUID();
        OutgoingEvent event = Probes.event(run);
        writer.commit(List.of(event));
        try (TopicReader topic = TopicReader.of(Topics.SCREENING)) {
            ConsumerRecord<String, byte[]> published = topic.pollUntil(
                    r -> Probes.countOf(r, Set.of(event.id())) == 1, PATIENCE).stream()
                    .filter(x -> event.id().equals(Probes.idOf(x))).findFirst().orElseThrow();
            assertEquals(ProbeHandler.SUBMITTED, header(published, InboxConsumer.H_TYPE));
        }
        // Unreadable, but labelled with a type the probe does not handle: skipped, so not parked on the DLQ
        // (without the label the same bytes are dead-lettered, see poisonRecords…).
        String skipped = "skipped-" + UUID.randomUUID();
        OutgoingEvent marker = Probes.event(skipped);
        try (Producer<String, byte[]> raw = rawProducer()) {
            ProducerRecord<String, byte[]> other = new ProducerRecord<>(Topics.SCREENING, skipped,
                    ("{not an event " + skipped).getBytes(StandardCharsets.UTF_8));
            other.headers().add(InboxConsumer.H_TYPE,
                    "heartline.screening.risk-flagged.v1".getBytes(StandardCharsets.UTF_8));
            raw.send(other).get();
            raw.send(new ProducerRecord<>(marker.topic(), skipped, marker.payload())).get(); // same key: after it
        }
        await().atMost(PATIENCE).until(() -> effects(skipped) == 1);
        try (TopicReader dead = TopicReader.of(Topics.deadLetter(Topics.SCREENING, "probe"))) {
            assertEquals(0, dead.drain(Duration.ofSeconds(1)).stream().filter(r -> skipped.equals(r.key())).count());
        }
    }

    @Test
    void aDatabaseOutageDuringHandlingIsWaitedOutNotDeadLettered() throws Exception {
        String run = "flaky-" + UUID.randomUUID(); // fails FLAKY_FAILURES (> max attempts) times with SQLSTATE 08006
        OutgoingEvent event = Probes.event(run);
        writer.commit(List.of(event));
        await().atMost(PATIENCE).until(() -> effects(run) == 1);
        try (TopicReader dead = TopicReader.of(Topics.deadLetter(Topics.SCREENING, "probe"))) {
            assertEquals(0, dead.drain(Duration.ofSeconds(1)).stream().filter(r -> run.equals(r.key())).count());
        }
    }

    @Test
    void twoRelaysOnOneOutboxLoseNothingAndKeepPerKeyOrder() throws Exception {
        String run = "tworelays-" + UUID.randomUUID();
        try (OutboxRelay second = runtime.newRelay("second", runtime.newProducer("second"))) {
            second.start();
            ExecutorService writers = Executors.newFixedThreadPool(2);
            try {
                Future<Map<String, List<UUID>>> a = writers.submit(() -> appendCommitted(run + "-a", 5, 100, 5));
                Future<Map<String, List<UUID>>> b = writers.submit(() -> appendCommitted(run + "-b", 5, 100, 5));
                Map<String, List<UUID>> appended = new LinkedHashMap<>(a.get());
                appended.putAll(b.get());
                Set<UUID> ids = all(appended);
                assertEquals(1000, ids.size());
                try (TopicReader topic = TopicReader.of(Topics.SCREENING)) {
                    List<ConsumerRecord<String, byte[]>> records = topic.pollUntil(
                            r -> Probes.idsByKey(r, ids).values().stream().mapToInt(List::size).sum() == 1000,
                            PATIENCE);
                    Map<String, List<UUID>> published = Probes.idsByKey(records, ids);
                    assertEquals(appended.keySet(), published.keySet());
                    appended.forEach((key, expected) -> assertEquals(expected, published.get(key), key));
                }
            } finally {
                writers.shutdownNow();
            }
        }
    }

    private long position() throws Exception {
        return Probes.scalar(dataSource, "SELECT last_value FROM outbox_relay_position");
    }

    @Test
    void anEventCommittedOutOfSequenceOrderIsNeitherSkippedNorWaitedFor() throws Exception {
        String run = "outoforder-" + UUID.randomUUID();
        OutgoingEvent early = Probes.event(run + "-early");
        OutgoingEvent late = Probes.event(run + "-late");
        try (Connection held = dataSource.getConnection(); TopicReader topic = TopicReader.of(Topics.SCREENING)) {
            // A transaction draws its seq first and stays open while a later one commits.
            held.setAutoCommit(false);
            OutboxStore.insert(held, early);
            long earlySeq;
            try (var st = held.createStatement(); var rs = st.executeQuery("SELECT currval('outbox_event_seq')")) {
                rs.next();
                earlySeq = rs.getLong(1);
            }
            writer.commit(List.of(late));
            topic.pollUntil(r -> Probes.countOf(r, Set.of(late.id())) == 1, PATIENCE);
            // More passes (each re-checks the open gap) while the early transaction is still open.
            for (int i = 0; i < 3; i++) {
                OutgoingEvent more = Probes.event(run + "-more");
                writer.commit(List.of(more));
                topic.pollUntil(r -> Probes.countOf(r, Set.of(more.id())) == 1, PATIENCE);
            }
            assertTrue(position() < earlySeq, "the position must not pass a seq whose transaction is in flight");

            held.commit();
            runtime.wakeRelay();
            List<ConsumerRecord<String, byte[]>> records = topic.pollUntil(
                    r -> Probes.countOf(r, Set.of(early.id())) == 1, PATIENCE);
            assertEquals(1, Probes.countOf(records, Set.of(early.id())));
            await().atMost(PATIENCE).until(() -> position() >= earlySeq);
        }
    }

    @Test
    void theRelayNeverUpdatesOrDeletesOutboxRows() throws Exception {
        String run = "appendonly-" + UUID.randomUUID();
        appendCommitted(run, 5, 20, 10);
        await().atMost(PATIENCE).until(() -> Probes.scalar(dataSource, "SELECT count(*) FROM outbox_event "
                + "WHERE seq > (SELECT last_value FROM outbox_relay_position) AND record_key LIKE ?", run + "%") == 0);
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            st.execute("SELECT pg_stat_force_next_flush()");
        }
        assertEquals(0, Probes.scalar(dataSource, "SELECT COALESCE(sum(n_tup_upd + n_tup_del), 0) "
                + "FROM pg_stat_user_tables WHERE relname LIKE 'outbox\\_event\\_%'"), "published rows are neither updated nor deleted (rolled-back inserts are the only dead tuples)");
    }

    @Test
    void aPublishedSlotPastRetentionIsEmptiedAndTodaysRowsStay() throws Exception {
        String run = "retention-" + UUID.randomUUID();
        OutgoingEvent old = Probes.event(run + "-old");
        long today = Probes.scalar(dataSource, "SELECT outbox_slot(now())");
        long oldSlot = (today + 5) % OutboxStore.SLOTS;
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("""
                INSERT INTO outbox_event (slot, event_id, event_type, topic, record_key, payload, created_at)
                VALUES (?, ?, ?, ?, ?, ?, now() - interval '30 days')""")) {
            ps.setShort(1, (short) oldSlot);
            ps.setObject(2, old.id());
            ps.setString(3, old.type());
            ps.setString(4, old.topic());
            ps.setString(5, old.key());
            ps.setBytes(6, old.payload());
            ps.executeUpdate();
        }
        Map<String, List<UUID>> recent = appendCommitted(run + "-recent", 1, 3, 3);
        long oldSeq = Probes.scalar(dataSource, "SELECT seq FROM outbox_event WHERE event_id = ?", old.id());
        runtime.wakeRelay();
        await().atMost(PATIENCE).until(() -> position() >= oldSeq);

        try (OutboxRelay relay = runtime.newRelay("cleanup", runtime.newProducer("cleanup"))) {
            relay.cleanup(java.time.Instant.now());
        }
        assertEquals(0, Probes.scalar(dataSource, "SELECT count(*) FROM outbox_event_" + oldSlot));
        assertEquals(3, Probes.scalar(dataSource, "SELECT count(*) FROM outbox_event WHERE event_id = ANY (?)",
                (Object) all(recent).toArray(UUID[]::new)), "today's rows are kept");
    }

    @Test
    void aBacklogIsHandledInFewTransactionsEachEventOnce() throws Exception {
        String run = "backlog-" + UUID.randomUUID();
        List<OutgoingEvent> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(Probes.event(run));
        }
        // One produce request for all of them, so the consumer finds a backlog rather than a trickle.
        try (Producer<String, byte[]> lingering = new KafkaProducer<>(Map.of(
                "bootstrap.servers", SharedInfra.kafka().bootstrapServers(), "acks", "all", "linger.ms", "200",
                "batch.size", "1048576"), new StringSerializer(), new ByteArraySerializer())) {
            events.forEach(e -> lingering.send(new ProducerRecord<>(e.topic(), e.key(), e.payload())));
            lingering.send(new ProducerRecord<>(events.get(0).topic(), run, events.get(0).payload())); // a copy
            lingering.flush();
        }
        await().atMost(PATIENCE).until(() -> effects(run) >= 300);
        assertEquals(300, distinctEffects(run));
        assertEquals(300, effects(run), "the copy in the same batch acted once");
        // handled_at is the transaction's start time: one value per transaction.
        long transactions = Probes.scalar(dataSource,
                "SELECT count(DISTINCT handled_at) FROM probe_effect WHERE subject = ?", run);
        assertTrue(transactions <= 30, "300 events in " + transactions + " transactions");
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Producer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", SharedInfra.kafka().bootstrapServers(), "acks", "all"),
                new StringSerializer(), new ByteArraySerializer());
    }
}
