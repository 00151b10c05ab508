package io.heartline.crisis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heartline.crisis.support.Feeds;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.SharedInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Intake latency at fixed arrival rates (open model: latency counts from each arrival's scheduled time, so a stall is
 * not hidden): (1) {@code POST /api/v1/crisis-reports} → 201 (case opened and first-contact clock armed, one
 * transaction) and → {@code opened} event seen by a subscriber; (2) a {@code CRITICAL} risk-flagged event published →
 * {@code opened} seen. p50/p90/p99/max and JVM CPU per arrival. Run:
 * {@code ./mvnw -B -o -Pbench -pl crisis-service -am test -Dtest=CrisisIntakeBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.rates=20,50 -Dbench.warmup=90 -Dbench.seconds=60]}. App, broker,
 * PostgreSQL and load share this machine: figures are indicative.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class CrisisIntakeBenchmark {

    private static final int[] RATES = Arrays.stream(System.getProperty("bench.rates", "20,50").split(","))
            .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 20));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final String DISTRICT = "bench-district";

    private final EventTap tap = EventTap.of(Topics.CRISIS);
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final List<String> tokens = new ArrayList<>();

    /** One arrival: subject id → scheduled nanoTime; subject id → response nanoTime. */
    private final Map<String, Long> scheduled = new ConcurrentHashMap<>();
    private final Map<String, Long> answered = new ConcurrentHashMap<>();

    @Test
    void reportsAndCriticalScreeningsToOpenedCases() throws Exception {
        for (int s = 0; s < 20; s++) {
            tokens.add(Who.of("teacher", "bench-school-" + s, DISTRICT).token());
        }
        System.out.printf("%nBENCH crisis intake: warm-up %d s at %d/s, then %d s per rate %s%n",
                WARM_UP.toSeconds(), RATES[0], MEASURE.toSeconds(), Arrays.toString(RATES));
        run(RATES[0], WARM_UP, this::report);
        for (int rate : RATES) {
            long cpu0 = cpu();
            List<String> subjects = run(rate, MEASURE, this::report);
            print("report", rate, subjects, true, cpu() - cpu0);
        }
        try (Producer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", SharedInfra.kafka().bootstrapServers(), "acks", "all", "linger.ms", 0),
                new StringSerializer(), new ByteArraySerializer())) {
            IntConsumer screening = i -> {
                String subject = "bench-s-" + UUID.randomUUID();
                OutgoingEvent e = Feeds.riskFlagged(subject, "bench-school-" + (i % 20), DISTRICT, "CRITICAL",
                        UUID.randomUUID());
                producer.send(new ProducerRecord<>(Topics.SCREENING, e.key(), e.payload()));
                sent.add(subject);
            };
            run(RATES[0], WARM_UP.dividedBy(2), screening);
            for (int rate : RATES) {
                long cpu0 = cpu();
                List<String> subjects = run(rate, MEASURE, screening);
                print("CRITICAL screening", rate, subjects, false, cpu() - cpu0);
            }
        }
    }

    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    private void report(int i) {
        String subject = "bench-r-" + UUID.randomUUID();
        String body = "{\"subjectId\":\"" + subject + "\",\"subjectType\":\"STUDENT\",\"channel\":\"CLASS_TEACHER\","
                + "\"indicators\":[\"EMOTION_LOW_MOOD\"],\"noticedAt\":\"" + TestClock.now() + "\",\"anonymous\":false,"
                + "\"note\":\"bench\"}";
        sent.add(subject);
        http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/api/v1/crisis-reports")).header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
                    if (r.statusCode() == 201) {
                        answered.put(subject, System.nanoTime());
                    } else {
                        System.out.println("BENCH unexpected " + r.statusCode() + " " + r.body());
                    }
                });
    }

    /** Arrivals at a fixed rate for a while (scheduled times recorded); waits for every opened event. */
    private List<String> run(int rate, Duration howLong, IntConsumer arrival) throws Exception {
        sent.clear();
        AtomicInteger n = new AtomicInteger();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> {
            int i = n.getAndIncrement();
            long at = start + i * period;
            int before = sent.size();
            arrival.accept(i);
            // the subject the arrival just added gets its scheduled (not actual) time
            synchronized (sent) {
                if (sent.size() > before) {
                    scheduled.put(sent.get(sent.size() - 1), at);
                }
            }
        }, 0, period, TimeUnit.NANOSECONDS);
        // The load runs for this long, then the ticker stops: a timed run, not a synchronisation.
        ticker.schedule(ticker::shutdown, howLong.toNanos(), TimeUnit.NANOSECONDS);
        ticker.awaitTermination(howLong.toSeconds() + 10, TimeUnit.SECONDS);
        List<String> subjects;
        synchronized (sent) {
            subjects = List.copyOf(sent);
        }
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> opened(subjects).size() == subjects.size());
        return subjects;
    }

    private Map<String, Long> opened(List<String> subjects) {
        Set<String> wanted = new HashSet<>(subjects);
        Map<String, Long> seen = new ConcurrentHashMap<>();
        for (EventTap.Seen s : tap.matching(s -> EventTypes.Crisis.OPENED.equals(s.event().type()))) {
            if (wanted.contains(s.key())) {
                seen.merge(s.key(), s.receivedNanos(), Math::min);
            }
        }
        return seen;
    }

    private void print(String what, int rate, List<String> subjects, boolean http, long cpuNanos) {
        Map<String, Long> opened = opened(subjects);
        long[] toEvent = subjects.stream().mapToLong(s -> opened.get(s) - scheduled.get(s)).sorted().toArray();
        System.out.printf("BENCH %-18s %3d/s: %5d, opened event p50 %6.1f ms p90 %6.1f p99 %6.1f max %6.1f; "
                + "JVM CPU %.2f ms/arrival%n", what, rate, toEvent.length, ms(toEvent, 0.5), ms(toEvent, 0.9),
                ms(toEvent, 0.99), toEvent[toEvent.length - 1] / 1e6, cpuNanos / 1e6 / toEvent.length);
        if (http) {
            long[] toResponse = subjects.stream().mapToLong(s -> answered.get(s) - scheduled.get(s)).sorted()
                    .toArray();
            System.out.printf("BENCH %-18s %3d/s: %5d, 201 (case + clock) p50 %6.1f ms p90 %6.1f p99 %6.1f max %6.1f%n",
                    what, rate, toResponse.length, ms(toResponse, 0.5), ms(toResponse, 0.9), ms(toResponse, 0.99),
                    toResponse[toResponse.length - 1] / 1e6);
        }
        assertEquals(subjects.size(), opened.size(), "one opened event per arrival");
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
