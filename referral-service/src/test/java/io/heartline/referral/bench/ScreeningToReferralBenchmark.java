package io.heartline.referral.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.SharedInfra;
import io.heartline.referral.support.Screenings;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Intake latency: {@code risk-flagged} events published at a steady rate (open model: latency counts from each
 * event's scheduled send time, so a stall is not hidden) to the real broker; the time until the referral's
 * {@code created} event is seen by a subscriber, p50/p90/p99/max. Then, on the idle system, how soon an EMERGENCY
 * referral and an escalation to HOSPITAL become visible. Run with {@code bin/bench referral} (or
 * {@code ./mvnw -B verify -Pbench -pl referral-service}); {@code -Dbench.rates=50,200 -Dbench.warmup=90
 * -Dbench.seconds=60}. Everything runs in one JVM on this machine (app, broker, load): figures are indicative.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class ScreeningToReferralBenchmark {

    private static final int[] RATES = Arrays.stream(System.getProperty("bench.rates", "50,200").split(","))
            .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 30));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
    private static final String[] LEVELS = { "MODERATE", "MODERATE", "MODERATE", "HIGH", "HIGH", "CRITICAL" };

    private final EventTap referrals = EventTap.of(Topics.REFERRAL);
    /** screening id → nanoTime the event was due to be sent. */
    private final Map<String, Long> scheduledAt = new ConcurrentHashMap<>();

    @Test
    void riskFlaggedToReferralCreated() throws Exception {
        try (Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", SharedInfra.kafka().bootstrapServers(), "acks", "all", "linger.ms", 0),
                new StringSerializer(), new ByteArraySerializer())) {
            System.out.printf("%nBENCH referral intake: warm-up %d s at %d/s, then %d s per rate %s%n",
                    WARM_UP.toSeconds(), RATES[0], MEASURE.toSeconds(), Arrays.toString(RATES));
            run(producer, RATES[0], WARM_UP);
            for (int rate : RATES) {
                long cpu0 = processCpuNanos();
                List<String> sent = run(producer, rate, MEASURE);
                report(rate, sent, processCpuNanos() - cpu0);
            }
        }
        idleVisibility();
    }

    /** Publishes at a fixed rate for a while; returns the screening ids sent. */
    private List<String> run(Producer<String, byte[]> producer, int rate, Duration howLong) throws Exception {
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger n = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> {
            int i = n.getAndIncrement();
            long due = start + i * periodNanos;
            UUID screening = UUID.randomUUID();
            OutgoingEvent e = Screenings.flagged("bench-" + screening.toString().substring(0, 13),
                    "bench-school-" + (i % 20), "bench-district", LEVELS[i % LEVELS.length], screening);
            scheduledAt.put(screening.toString(), due);
            producer.send(new ProducerRecord<>(Topics.SCREENING, e.key(), e.payload()));
            sent.add(screening.toString());
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        Thread.sleep(howLong.toMillis()); // the load runs for this long; not a synchronisation
        clock.shutdown();
        clock.awaitTermination(10, TimeUnit.SECONDS);
        producer.flush();
        List<String> ids = List.copyOf(sent);
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> createdFor(ids).size() == ids.size());
        return ids;
    }

    private Map<String, Long> createdFor(List<String> screenings) {
        Map<String, Long> seen = new ConcurrentHashMap<>();
        java.util.Set<String> wanted = new java.util.HashSet<>(screenings);
        for (EventTap.Seen s : referrals.matching(s -> s.event().type().equals("heartline.referral.created.v1"))) {
            String id = s.data("screeningId");
            if (id != null && wanted.contains(id)) {
                seen.merge(id, s.receivedNanos(), Math::min);
            }
        }
        return seen;
    }

    private void report(int rate, List<String> sent, long cpuNanos) {
        Map<String, Long> created = createdFor(sent);
        long duplicates = referrals.matching(s -> s.event().type().equals("heartline.referral.created.v1")
                && sent.contains(s.data("screeningId"))).size() - created.size();
        long[] latencies = sent.stream().mapToLong(id -> created.get(id) - scheduledAt.get(id)).sorted().toArray();
        System.out.printf("BENCH rate %4d/s: %5d events, p50 %6.1f ms, p90 %6.1f ms, p99 %6.1f ms, max %6.1f ms, "
                + "JVM CPU %.2f ms/event (app + in-JVM broker + load), duplicates %d%n", rate, latencies.length,
                ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
                cpuNanos / 1e6 / latencies.length, duplicates);
        assertEquals(0, duplicates, "exactly one referral per screening");
    }

    /**
     * On the idle system: request start → created event of an EMERGENCY referral, and → escalated event of an
     * escalation to HOSPITAL. A plain HTTP client keeps client overhead out; the first pair warms the paths up.
     */
    private void idleVisibility() throws Exception {
        Who psychologist = Who.of("psychologist", Who.unique("bench-idle"), "bench-district");
        String token = psychologist.token();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + RestAssured.port + "/api/v1/referrals";
        int samples = 20;
        long[] emergency = new long[samples];
        long[] hospital = new long[samples];
        for (int i = -1; i < samples; i++) {
            Thread.sleep(300); // keep the system idle between samples; not a synchronisation
            long t0 = System.nanoTime();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subjectId\":\"" + Who.unique("student")
                            + "\",\"subjectType\":\"STUDENT\",\"source\":\"GUARDIAN\",\"urgency\":\"EMERGENCY\","
                            + "\"reason\":\"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            UUID id = UUID.fromString(created.headers().firstValue("Location").orElseThrow()
                    .replaceAll(".*/", ""));
            long e = referrals.awaitData("referralId", id, 1, Duration.ofSeconds(30)).get(0).receivedNanos() - t0;
            Thread.sleep(300);
            long t1 = System.nanoTime();
            HttpResponse<String> escalated = http.send(HttpRequest.newBuilder(URI.create(base + "/" + id
                    + "/escalate")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"toTier\":\"HOSPITAL\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, escalated.statusCode(), escalated.body());
            long h = referrals.awaitData("referralId", id, 2, Duration.ofSeconds(30)).get(1).receivedNanos() - t1;
            if (i >= 0) {
                emergency[i] = e;
                hospital[i] = h;
            }
        }
        Arrays.sort(emergency);
        Arrays.sort(hospital);
        System.out.printf("BENCH idle: EMERGENCY referral visible p50 %.1f ms, max %.1f ms; escalation to HOSPITAL "
                + "visible p50 %.1f ms, max %.1f ms (from the HTTP request's start, %d samples each)%n",
                ms(emergency, 0.5), emergency[samples - 1] / 1e6, ms(hospital, 0.5), hospital[samples - 1] / 1e6,
                samples);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
