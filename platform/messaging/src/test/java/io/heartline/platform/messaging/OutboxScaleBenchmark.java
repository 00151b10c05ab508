package io.heartline.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.SharedInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Outbox at scale (issue 13), run with {@code bin/bench messaging -Dtest=OutboxScaleBenchmark}:
 * <ol>
 * <li>Relay cost per event with an empty outbox and after 1 000 000 events were published: events committed at a fixed
 * rate; CPU of the relay thread and of this database's PostgreSQL backends per event, commit-to-consumer latency.
 * "Published" is made the way the design at hand makes it (this class runs unchanged on the old design: there 1 M
 * rows are inserted and marked {@code sent_at} by one UPDATE, as its relay would have; here they are inserted and the
 * relay position is moved past them).</li>
 * <li>A consumer working off a backlog of 100 000 events already on the topic: events/s, each event handled once.</li>
 * </ol>
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(OutboxScaleBenchmark.ConsumersOff.class)
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_messaging_scale"))
class OutboxScaleBenchmark {

    public static class ConsumersOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heartline.messaging.consumer.enabled", "false");
        }
    }

    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 20));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    private static final int RATE = Integer.getInteger("bench.rate", 400);
    private static final int FILL = Integer.getInteger("bench.fill", 1_000_000);
    private static final int BACKLOG = Integer.getInteger("bench.backlog", 100_000);

    @Inject
    ProbeWriter writer;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    MessagingRuntime runtime;
    @Inject
    ProbeHandler handler;

    record Figures(String label, long rowsInOutbox, int events, double relayCpuUsPerEvent, double dbCpuUsPerEvent,
            double p50ms, double p99ms, double maxMs) {
    }

    @Test
    void relayCostAtZeroAndAtOneMillionPublished() throws Exception {
        run("warm-up", WARM_UP);
        List<Figures> results = new ArrayList<>();
        results.add(run("empty outbox", MEASURE));
        results.add(run("empty outbox", MEASURE));
        long t0 = System.nanoTime();
        fillPublished(FILL);
        System.out.printf("filled %d published rows in %.1f s (%s design)%n", FILL, (System.nanoTime() - t0) / 1e9,
                oldDesign() ? "sent_at UPDATE" : "append-only");
        results.add(run("after " + FILL + " published", MEASURE));
        results.add(run("after " + FILL + " published", MEASURE));
        System.out.println();
        System.out.println("Outbox relay cost (" + (oldDesign() ? "sent_at UPDATE" : "append-only") + " design, "
                + RATE + " events/s, one event per transaction, " + MEASURE.toSeconds() + " s per run)");
        System.out.println("state                        rows  events  relay CPU us/ev  PG CPU us/ev  p50 ms  p99 ms  max ms");
        for (Figures f : results) {
            System.out.printf("%-22s %10d %7d %16.1f %13.1f %7.2f %7.2f %7.2f%n", f.label(), f.rowsInOutbox(),
                    f.events(), f.relayCpuUsPerEvent(), f.dbCpuUsPerEvent(), f.p50ms(), f.p99ms(), f.maxMs());
        }
        System.out.println();
    }

    @Test
    void consumerWorksOffABacklog() throws Exception {
        String run = "backlog-" + UUID.randomUUID();
        SharedInfra.kafka().ensureTopic(Topics.SCREENING);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                SharedInfra.kafka().bootstrapServers(), "acks", "all", "linger.ms", "20", "batch.size", "262144"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < BACKLOG; i++) {
                OutgoingEvent e = Probes.event(run + "-" + (i % 1000)); // 1 000 people, spread over partitions
                p.send(new ProducerRecord<>(e.topic(), e.key(), e.payload()));
            }
            p.flush();
        }
        long cpu0 = processCpuNanos();
        long db0 = dbCpuTicks();
        long start = System.nanoTime();
        try (InboxConsumer consumer = runtime.newInboxConsumer(handler)) {
            consumer.start();
            long last = 0;
            while (last < BACKLOG && System.nanoTime() - start < Duration.ofMinutes(10).toNanos()) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                last = Probes.scalar(dataSource, "SELECT count(*) FROM probe_effect WHERE subject LIKE ?", run + "%");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long handled = Probes.scalar(dataSource, "SELECT count(*) FROM probe_effect WHERE subject LIKE ?", run + "%");
        long distinct = Probes.scalar(dataSource,
                "SELECT count(DISTINCT event_id) FROM probe_effect WHERE subject LIKE ?", run + "%");
        System.out.println();
        System.out.printf("Consumer backlog: %d events in %.1f s = %.0f events/s; JVM CPU %.1f us/event, "
                + "PG backends CPU %.1f us/event%n", handled, seconds, handled / seconds,
                (processCpuNanos() - cpu0) / 1e3 / handled, (dbCpuTicks() - db0) * 10_000.0 / handled);
        System.out.println();
        assertEquals(BACKLOG, handled);
        assertEquals(BACKLOG, distinct);
    }

    private boolean oldDesign() throws Exception {
        return Probes.scalar(dataSource, "SELECT count(*) FROM information_schema.columns "
                + "WHERE table_name = 'outbox_event' AND column_name = 'sent_at'") > 0;
    }

    /** Rows the relay has already published, made as the design at hand would have left them. */
    private void fillPublished(int n) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false); // one transaction: the relay must never see the filler unsent
            st.execute("INSERT INTO outbox_event (event_id, event_type, topic, record_key, payload) "
                    + "SELECT gen_random_uuid(), 'filler', 'heartline.filler', 'k' || g % 1000, '\\x00'::bytea "
                    + "FROM generate_series(1, " + n + ") g");
            if (oldDesign()) {
                st.execute("UPDATE outbox_event SET sent_at = now(), attempts = attempts + 1 WHERE sent_at IS NULL "
                        + "AND event_type = 'filler'");
            } else {
                st.execute("SELECT setval('outbox_relay_position', (SELECT max(seq) FROM outbox_event), true)");
            }
            c.commit();
        }
    }

    private Figures run(String label, Duration duration) throws Exception {
        Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
        Map<UUID, Long> receivedAt = new ConcurrentHashMap<>();
        long rows = Probes.scalar(dataSource, "SELECT count(*) FROM outbox_event");
        try (KafkaConsumer<String, byte[]> consumer = ScreeningTail.open()) {
            Thread relay = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("outbox-relay-")).findFirst().orElseThrow();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long relayCpu0 = threads.getThreadCpuTime(relay.threadId());
            long db0 = dbCpuTicks();
            String key = "scale-" + UUID.randomUUID();
            long interval = 1_000_000_000L / RATE;
            long start = System.nanoTime();
            long stopAt = start + duration.toNanos();
            // The writer commits on schedule in its own thread; this thread only reads the topic.
            Thread writing = Thread.ofPlatform().name("scale-writer").start(() -> {
                long next = start;
                while (next < stopAt) {
                    next += interval;
                    LockSupport.parkNanos(next - System.nanoTime());
                    OutgoingEvent e = Probes.event(key);
                    writer.commit(List.of(e));
                    committedAt.put(e.id(), System.nanoTime());
                }
            });
            while (writing.isAlive()) {
                ScreeningTail.receive(consumer, receivedAt);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!receivedAt.keySet().containsAll(committedAt.keySet()) && System.nanoTime() < deadline) {
                ScreeningTail.receive(consumer, receivedAt);
            }
            long relayCpu = threads.getThreadCpuTime(relay.threadId()) - relayCpu0;
            long db = dbCpuTicks() - db0;
            // An event not received within 60 s after the run counts with the 60 s it waited at least (a relay that
            // falls behind must show in the figures, not abort them).
            long missing = committedAt.keySet().stream().filter(id -> !receivedAt.containsKey(id)).count();
            long now = System.nanoTime();
            double[] lat = committedAt.entrySet().stream()
                    .mapToDouble(x -> Math.max(0, receivedAt.getOrDefault(x.getKey(), now) - x.getValue()) / 1e6)
                    .sorted().toArray();
            int n = lat.length;
            Figures f = new Figures(label + (missing > 0 ? " (" + missing + " late)" : ""), rows, n,
                    relayCpu / 1e3 / n, db * 10_000.0 / n, pct(lat, 50), pct(lat, 99), lat[n - 1]);
            System.out.printf("%-22s %10d %7d %16.1f %13.1f %7.2f %7.2f %7.2f%n", f.label(), f.rowsInOutbox(),
                    f.events(), f.relayCpuUsPerEvent(), f.dbCpuUsPerEvent(), f.p50ms(), f.p99ms(), f.maxMs());
            return f;
        }
    }

    /** CPU clock ticks (10 ms) used so far by this database's backends (writers, relay; not other databases). */
    private long dbCpuTicks() throws Exception {
        long ticks = 0;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rs.next()) {
                Path stat = Path.of("/proc/" + rs.getInt(1) + "/stat");
                if (Files.exists(stat)) {
                    String s = Files.readString(stat);
                    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
