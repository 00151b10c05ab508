package io.heartline.screening.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heartline.platform.testsupport.TestTokens;

/**
 * Intake benchmark against a running service with its real PostgreSQL and Kafka (the local stack: {@code bin/heartline
 * up}, then {@code bin/bench screening}; {@code -Dbench.url=} for another address). Closed loop: 1, 8 and 32 clients
 * each send {@code POST /api/v1/screenings} back to back (PHQ-A, random answers so that some results are CRITICAL and
 * publish two events, an Idempotency-Key on every request, 2,000 different students). Prints requests/s, p50/p99/p99.9
 * latency and the service's CPU-ms per request (from its process CPU counter in /q/metrics).
 * Closed-loop figures hide queueing delay at saturation (coordinated omission): read p99 at 32 clients as
 * "latency under full load", not as the latency a fixed arrival rate would see.
 */
@Tag("benchmark")
class IntakeBenchmark {

    private static final String URL = System.getProperty("bench.url", "http://127.0.0.1:8081");
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup.seconds", 20));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
    private static final int[] CLIENTS = Arrays.stream(System.getProperty("bench.clients", "1,8,32").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int STUDENTS = 2000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String school = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final String[] tokens = new String[STUDENTS];

    record Result(int clients, long requests, long errors, double perSecond, double p50, double p99, double p999,
            double cpuMsPerRequest) {
    }

    @Test
    void intakeThroughputAndLatency() throws Exception {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(URL + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), "no ready service at " + URL + " (bin/heartline up?)");
        for (int i = 0; i < STUDENTS; i++) {
            tokens[i] = TestTokens.forRole("student").sub("bench-student-" + i + "-" + school).school(school)
                    .lifetime(Duration.ofHours(2)).sign();
        }
        List<Result> results = new ArrayList<>();
        for (int clients : CLIENTS) {
            run(clients, WARM_UP);
            double cpuBefore = serviceCpuSeconds();
            Result r = run(clients, MEASURE);
            double cpuAfter = serviceCpuSeconds();
            double cpuMs = Double.isNaN(cpuBefore) ? Double.NaN : (cpuAfter - cpuBefore) * 1000 / Math.max(1, r.requests());
            r = new Result(r.clients(), r.requests(), r.errors(), r.perSecond(), r.p50(), r.p99(), r.p999(), cpuMs);
            results.add(r);
            System.out.printf("clients=%d requests=%d errors=%d%n", r.clients(), r.requests(), r.errors());
        }
        System.out.println();
        System.out.println("Intake benchmark: POST /api/v1/screenings (PHQ-A, Idempotency-Key), " + URL + ", warm-up "
                + WARM_UP.toSeconds() + " s, measured " + MEASURE.toSeconds() + " s per level");
        System.out.println("| clients | requests/s | p50 ms | p99 ms | p99.9 ms | service CPU ms/request | errors |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf("| %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d |%n", r.clients(), r.perSecond(), r.p50(),
                    r.p99(), r.p999(), r.cpuMsPerRequest(), r.errors());
        }
        assertTrue(results.stream().allMatch(r -> r.errors() == 0), "every request answered 201");
    }

    private Result run(int clients, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        long[][] latencies = new long[clients][];
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().start(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    HttpRequest request = request();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 201) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - t0;
                }
                latencies[client] = Arrays.copyOf(mine, n);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(clients, all.length, errors.get(), all.length / (double) duration.toSeconds(),
                percentile(all, 0.50), percentile(all, 0.99), percentile(all, 0.999), Double.NaN);
    }

    private HttpRequest request() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder answers = new StringBuilder();
        int total = 0;
        for (int item = 1; item <= 9; item++) {
            // Mostly low answers, like a school population; item 9 is endorsed now and then.
            int value = random.nextInt(100) < 70 ? 0 : random.nextInt(1, 4);
            total += value;
            answers.append("{\"item\":").append(item).append(",\"value\":").append(value).append("},");
        }
        answers.append("{\"item\":10,\"value\":0},");
        if (total > 0) {
            answers.append("{\"item\":11,\"value\":1},");
        }
        answers.append("{\"item\":12,\"value\":0},{\"item\":13,\"value\":0}");
        String body = "{\"instrument\":\"PHQ-A\",\"answers\":[" + answers + "]}";
        return HttpRequest.newBuilder(URI.create(URL + "/api/v1/screenings"))
                .header("Authorization", "Bearer " + tokens[random.nextInt(STUDENTS)])
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1_000_000.0;
    }

    /** The service's process CPU time from its Prometheus metrics, or NaN when not exposed. */
    private double serviceCpuSeconds() {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(URL + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^process_cpu_time_ns_total(?:\\{[^}]*})? ([0-9.eE+]+)").matcher(metrics);
            if (m.find()) {
                return Double.parseDouble(m.group(1)) / 1e9;
            }
            m = Pattern.compile("(?m)^process_cpu_seconds_total(?:\\{[^}]*})? ([0-9.eE+]+)").matcher(metrics);
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
