package io.heartline.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Outbox relay benchmark: events/s through the relay and commit-to-consumer latency at 1 and 8 concurrent writers,
 * each writer committing one event per transaction as fast as it can. Prints figures; run with
 * {@code bin/bench messaging}. Real PostgreSQL and a real broker; the inbox consumers are off so that only the relay
 * path is measured.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(RelayBenchmark.RelayOnly.class)
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_messaging_bench"))
class RelayBenchmark {

    public static class RelayOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("heartline.messaging.consumer.enabled", "false");
        }
    }

    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warmup", 20));
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));

    @Inject
    ProbeWriter writer;

    record Figures(int writers, int rate, int events, double committedPerSecond, double publishedPerSecond, double p50ms,
            double p99ms, double maxMs, double cpuMsPerEvent) {
    }

    @Test
    void relayThroughputAndLatency() throws Exception {
        run(8, 0, WARM_UP); // warm up JIT, pools and the broker
        List<Figures> results = new ArrayList<>();
        // Alternate the variants so that drift of a shared machine affects them alike. Rate 0 = as fast as possible
        // (throughput, latency under saturation); a fixed total rate shows latency on a lightly loaded system.
        for (int round = 0; round < 2; round++) {
            for (int writers : new int[] { 1, 8 }) {
                results.add(run(writers, 0, MEASURE));
                results.add(run(writers, 200, MEASURE));
            }
        }
        System.out.println();
        System.out.println("Outbox relay benchmark (" + MEASURE.toSeconds() + " s per run, one event per transaction)");
        System.out.println("writers  rate/s  events  commits/s  published/s  p50 ms  p99 ms  max ms  CPU ms/event");
        for (Figures f : results) {
            System.out.printf("%7d %7s %7d %10.0f %12.0f %7.2f %7.2f %7.2f %13.3f%n", f.writers(),
                    f.rate() == 0 ? "max" : Integer.toString(f.rate()), f.events(), f.committedPerSecond(),
                    f.publishedPerSecond(), f.p50ms(), f.p99ms(), f.maxMs(), f.cpuMsPerEvent());
        }
        System.out.println();
    }

    /** @param rate events per second over all writers, 0 for as fast as they can commit */
    private Figures run(int writers, int rate, Duration duration) throws Exception {
        Map<UUID, Long> committedAt = new ConcurrentHashMap<>();
        Map<UUID, Long> receivedAt = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (KafkaConsumer<String, byte[]> consumer = ScreeningTail.open()) {
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            CountDownLatch done = new CountDownLatch(writers);
            String run = "bench-" + UUID.randomUUID();
            for (int w = 0; w < writers; w++) {
                String key = run + "-" + w;
                long interval = rate == 0 ? 0 : 1_000_000_000L * writers / rate;
                Thread.ofPlatform().start(() -> {
                    long next = System.nanoTime();
                    while (writing.get()) {
                        if (interval > 0) {
                            next += interval;
                            java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                        }
                        OutgoingEvent e = Probes.event(key);
                        writer.commit(List.of(e));
                        committedAt.put(e.id(), System.nanoTime());
                    }
                    done.countDown();
                });
            }
            long stopAt = start + duration.toNanos();
            while (System.nanoTime() < stopAt) {
                ScreeningTail.receive(consumer, receivedAt);
            }
            writing.set(false);
            done.await();
            long writeEnd = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!receivedAt.keySet().containsAll(committedAt.keySet()) && System.nanoTime() < deadline) {
                ScreeningTail.receive(consumer, receivedAt);
            }
            long end = receivedAt.values().stream().mapToLong(Long::longValue).max().orElse(writeEnd);
            long cpu = processCpuNanos() - cpuBefore;
            assertEquals(committedAt.size(), committedAt.keySet().stream().filter(receivedAt::containsKey).count(),
                    "every committed event reached the consumer");
            double[] latencies = committedAt.entrySet().stream()
                    .mapToDouble(e -> Math.max(0, receivedAt.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
            int n = latencies.length;
            return new Figures(writers, rate, n, n / ((writeEnd - start) / 1e9), n / ((end - start) / 1e9),
                    percentile(latencies, 50), percentile(latencies, 99), latencies[n - 1], cpu / 1e6 / n);
        }
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
