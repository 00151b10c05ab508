package io.heartline.crisis.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.crisis.support.Feeds;
import io.heartline.crisis.support.Who;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.SharedInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * A {@code CRITICAL} risk-flagged event published to Kafka → the alert on the on-duty psychologist's SSE stream, at
 * fixed arrival rates (open model: latency from each arrival's scheduled time). Ten schools, each with one person on
 * duty holding an open stream. Run: {@code ./mvnw -B -o -Pbench -pl crisis-service -am test
 * -Dtest=AlertStreamBenchmark -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.rates=50 -Dbench.warmup=20
 * -Dbench.seconds=20]}. App, broker, PostgreSQL, load and stream clients share this machine: figures are indicative.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class AlertStreamBenchmark {

    private static final int[] RATES = Arrays.stream(System.getProperty("bench.rates", "50").split(","))
            .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 20));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final int SCHOOLS = 10;

    @Inject
    AgroalDataSource ds;

    private final String district = Who.unique("bench-district");
    private final Map<String, Long> scheduled = new ConcurrentHashMap<>();
    private final List<SseClient> streams = new ArrayList<>();

    @Test
    void criticalScreeningToAlertOnTheStream() throws Exception {
        for (int s = 0; s < SCHOOLS; s++) {
            String school = "bench-school-" + s;
            Who psych = Who.of("psychologist", school, district);
            Who.of("school-admin", school, district).req()
                    .body(Map.of("participants", List.of(psych.sub()), "shiftLength", "P1D"))
                    .put("/api/v1/on-call/schedules/" + school).then().statusCode(200);
            SseClient c = new SseClient("http://localhost:" + RestAssured.port + "/api/v1/alerts/stream",
                    psych.token(), null);
            c.awaitComment("connected", Duration.ofSeconds(30));
            streams.add(c);
        }
        System.out.printf("%nBENCH alert stream: %d schools, warm-up %d s at %d/s, then %d s per rate %s%n", SCHOOLS,
                WARM_UP.toSeconds(), RATES[0], MEASURE.toSeconds(), Arrays.toString(RATES));
        try (Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", SharedInfra.kafka().bootstrapServers(), "acks", "all", "linger.ms", 0),
                new StringSerializer(), new ByteArraySerializer())) {
            run(producer, RATES[0], WARM_UP);
            for (int rate : RATES) {
                long cpu0 = cpu();
                List<String> subjects = run(producer, rate, MEASURE);
                print(rate, subjects, cpu() - cpu0);
            }
        } finally {
            streams.forEach(SseClient::close);
        }
    }

    private List<String> run(Producer<String, byte[]> producer, int rate, Duration howLong) throws Exception {
        List<String> subjects = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger n = new AtomicInteger();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> {
            int i = n.getAndIncrement();
            String subject = "bench-s-" + UUID.randomUUID();
            scheduled.put(subject, start + i * period);
            OutgoingEvent e = Feeds.riskFlagged(subject, "bench-school-" + (i % SCHOOLS), district, "CRITICAL",
                    UUID.randomUUID());
            producer.send(new ProducerRecord<>(Topics.SCREENING, e.key(), e.payload()));
            subjects.add(subject);
        }, 0, period, TimeUnit.NANOSECONDS);
        // The load runs for this long, then the ticker stops: a timed run, not a synchronisation.
        ticker.schedule(ticker::shutdown, howLong.toNanos(), TimeUnit.NANOSECONDS);
        ticker.awaitTermination(howLong.toSeconds() + 10, TimeUnit.SECONDS);
        List<String> all = List.copyOf(subjects);
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> seen(all).size() == all.size());
        return all;
    }

    /** subject → when its alert's RAISED event reached the on-duty person's stream. */
    private Map<String, Long> seen(List<String> subjects) {
        Map<String, String> subjectOfCase = new HashMap<>();
        try (var c = ds.getConnection(); var ps = c.prepareStatement(
                "SELECT id::text, subject_id FROM crisis_case WHERE district = ?")) {
            ps.setString(1, district);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    subjectOfCase.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(subjects);
        Map<String, Long> out = new HashMap<>();
        for (SseClient s : streams) {
            for (SseClient.Event e : s.events) {
                if (!"alert-raised".equals(e.name())) {
                    continue;
                }
                String subject = subjectOfCase.get(new JsonPath(e.data()).getString("alert.record.id"));
                if (subject != null && wanted.contains(subject)) {
                    out.merge(subject, e.receivedNanos(), Math::min);
                }
            }
        }
        return out;
    }

    private void print(int rate, List<String> subjects, long cpuNanos) {
        Map<String, Long> seen = seen(subjects);
        long[] lat = subjects.stream().mapToLong(s -> seen.get(s) - scheduled.get(s)).sorted().toArray();
        System.out.printf("BENCH CRITICAL screening -> alert on stream %3d/s: %5d, p50 %6.1f ms p90 %6.1f p99 %6.1f "
                + "max %6.1f; JVM CPU %.2f ms/arrival%n", rate, lat.length, ms(lat, 0.5), ms(lat, 0.9), ms(lat, 0.99),
                lat[lat.length - 1] / 1e6, cpuNanos / 1e6 / lat.length);
        assertEquals(subjects.size(), seen.size(), "one alert on a stream per arrival");
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
