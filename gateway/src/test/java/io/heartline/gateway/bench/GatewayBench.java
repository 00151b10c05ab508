package io.heartline.gateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.heartline.platform.testsupport.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Same request, sent directly to a service and through the gateway, at 1, 8 and 32 concurrent clients, alternating
 * the two targets: p50/p99 latency, requests/s, the gateway's CPU-ms per request, and the gateway/direct ratios.
 * <p>
 * The "service" is a small in-process Vert.x server answering {@code GET /api/v1/instruments} with a 0.5 KB JSON
 * body. The gateway is the packaged {@code quarkus-run.jar} started as its own JVM with the dev profile (dev key),
 * pointing its screening route at that server; its per-caller limit is raised so that it measures proxying, not
 * throttling. Every request carries the same valid token (verified once, then served from the gateway's cache).
 * Closed loop: each client sends its next request when the previous answer arrives.
 * <p>
 * Run: {@code ./mvnw -B -Pbench -pl gateway verify -DskipTests} (after {@code install} of the platform modules).
 * Tunables (system properties): bench.warmup (s, default 90), bench.seconds (per measurement, default 10),
 * bench.rounds (default 1), bench.concurrency (default 1,8,32).
 */
public final class GatewayBench {

    private static final String PATH = "/api/v1/instruments";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("bench.gateway.jar", "gateway/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the gateway first: " + jar + " is missing");
        }
        int warmup = Integer.getInteger("bench.warmup", 90);
        int seconds = Integer.getInteger("bench.seconds", 10);
        int rounds = Integer.getInteger("bench.rounds", 1);
        int[] levels = Arrays.stream(System.getProperty("bench.concurrency", "1,8,32").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        String body = "{\"items\":[" + String.join(",", java.util.Collections.nCopies(8,
                "{\"code\":\"PHQ-9\",\"version\":1,\"title\":\"Patient Health Questionnaire\",\"itemCount\":9}")) + "]}";
        HttpServer upstream = vertx.createHttpServer().requestHandler(r -> r.response()
                .putHeader("Content-Type", "application/json").end(body))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        int upstreamPort = upstream.actualPort();
        int gatewayPort = freePort();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("heartline-gateway-bench", ".log");
        Process gateway = new ProcessBuilder(java, "-Xmx512m", "-Dquarkus.profile=dev",
                "-Dquarkus.http.port=" + gatewayPort,
                "-Dheartline.gateway.services.screening.url=http://127.0.0.1:" + upstreamPort,
                "-Dheartline.gateway.rate-limit.per-caller.rate=10000000",
                "-Dheartline.gateway.rate-limit.per-caller.burst=10000000",
                "-Dquarkus.log.level=WARN",
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::destroy));
        try {
            String token = TestTokens.forRole("student").school("school-1").lifetime(Duration.ofHours(2)).sign();
            awaitReady(gatewayPort, gateway, log);
            System.out.printf(Locale.ROOT, "Gateway pid %d on %d, service on %d; JDK %s; %d CPUs%n", gateway.pid(),
                    gatewayPort, upstreamPort, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());

            Load load = new Load(vertx, token);
            System.out.printf("Warm-up %d s (both targets, 8 clients)...%n", warmup);
            for (int i = 0; i < Math.max(1, warmup / 4); i++) {
                load.run(upstreamPort, 8, 2);
                load.run(gatewayPort, 8, 2);
            }
            System.out.println();
            System.out.println("clients  target    requests/s   p50 ms   p99 ms   gateway CPU-ms/req");
            List<String> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (int c : levels) {
                    Result direct = load.run(upstreamPort, c, seconds);
                    long cpuBefore = cpuMillis(gateway.pid());
                    Result via = load.run(gatewayPort, c, seconds);
                    double cpuPerRequest = (cpuMillis(gateway.pid()) - cpuBefore) / (double) via.count;
                    System.out.printf(Locale.ROOT, "%7d  direct   %11.0f  %7.3f  %7.3f%n", c, direct.rps(),
                            direct.p(50), direct.p(99));
                    System.out.printf(Locale.ROOT, "%7d  gateway  %11.0f  %7.3f  %7.3f   %.3f%n", c, via.rps(),
                            via.p(50), via.p(99), cpuPerRequest);
                    ratios.add(String.format(Locale.ROOT,
                            "%7d  gateway/direct: requests/s x%.2f, p50 x%.2f (+%.3f ms), p99 x%.2f (+%.3f ms)", c,
                            via.rps() / direct.rps(), via.p(50) / direct.p(50), via.p(50) - direct.p(50),
                            via.p(99) / direct.p(99), via.p(99) - direct.p(99)));
                }
            }
            System.out.println();
            ratios.forEach(System.out::println);
            System.out.println();
            System.out.println("errors: " + load.errors.get());
        } finally {
            gateway.destroy();
            gateway.waitFor(20, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** Closed-loop clients on a Vert.x HTTP client, one pooled connection each. */
    static final class Load {
        private final Vertx vertx;
        private final String token;
        final AtomicLong errors = new AtomicLong();

        Load(Vertx vertx, String token) {
            this.vertx = vertx;
            this.token = token;
        }

        Result run(int port, int clients, int seconds) throws InterruptedException {
            var client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(clients));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long[][] samples = new long[clients][];
            int[] counts = new int[clients];
            CountDownLatch done = new CountDownLatch(clients);
            long start = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                int id = i;
                samples[i] = new long[1 << 16];
                vertx.runOnContext(v -> next(client, port, end, samples, counts, id, done));
            }
            done.await();
            long elapsed = System.nanoTime() - start;
            client.close();
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int pos = 0;
            for (int i = 0; i < clients; i++) {
                System.arraycopy(samples[i], 0, all, pos, counts[i]);
                pos += counts[i];
            }
            Arrays.sort(all);
            return new Result(all, total, elapsed);
        }

        private void next(io.vertx.core.http.HttpClient client, int port, long end, long[][] samples, int[] counts,
                int id, CountDownLatch done) {
            if (System.nanoTime() >= end) {
                done.countDown();
                return;
            }
            long t0 = System.nanoTime();
            client.request(new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(HttpMethod.GET)
                            .setURI(PATH).putHeader("Authorization", "Bearer " + token))
                    .compose(req -> req.send().compose(resp -> resp.body().map(b -> resp.statusCode())))
                    .onComplete(ar -> {
                        if (ar.failed() || ar.result() != 200) {
                            errors.incrementAndGet();
                        } else {
                            if (counts[id] == samples[id].length) {
                                samples[id] = Arrays.copyOf(samples[id], samples[id].length * 2);
                            }
                            samples[id][counts[id]++] = System.nanoTime() - t0;
                        }
                        next(client, port, end, samples, counts, id, done);
                    });
        }
    }

    record Result(long[] sortedNanos, int count, long elapsedNanos) {
        double rps() {
            return count / (elapsedNanos / 1e9);
        }

        double p(double percentile) {
            if (count == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(count - 1, Math.ceil(percentile / 100.0 * count) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }

    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * 10; // USER_HZ = 100
        } catch (IOException e) {
            return 0;
        }
    }

    private static void awaitReady(int port, Process gateway, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("The gateway exited; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling a child process's start, not test synchronisation
        }
        throw new IllegalStateException("The gateway did not become ready in 120 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
