import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Open-loop intake benchmark against the running local stack ({@code bin/heartline up}); run by {@code bin/bench
 * intake}, which mints the tokens and finds the processes. PHQ-A submissions at a fixed arrival rate; each request's
 * latency counts from its scheduled send time, so a stalled server is charged for the requests it delayed
 * (no coordinated omission). Per phase it prints rate, p50/p90/p99/p99.9/max, errors, CPU-ms per submission of every
 * stack process (from /proc/PID/stat before and after), and the event chain: a flagged screening's HTTP answer to
 * referral-service's {@code created} event on heartline.referral (matched per person, in order).
 *
 * <p>Arguments (key=value): tokens=FILE (one "subject token" per line), gateway=URL, direct=URL, targets=gateway,direct,
 * rate=600, warmup=60, seconds=60, rounds=1, pids=name:pid,..., pg=JDBC URL (to find the databases' backends),
 * kafka=host:port.
 */
public class IntakeBench {

    record Phase(String target, int rate, long sent, long errors, double achievedRate, double[] latMs,
            Map<String, Double> cpuMsPerSubmission, List<Double> chainAll, List<Double> chainCritical,
            long unmatchedFlagged) {
    }

    record Sent(String subject, long completedNanos) {
    }

    record Flagged(String screeningId, String subject, String level, long receivedNanos) {
    }

    static final Pattern SCREENING_ID = Pattern.compile("\"screeningId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern SUBJECT_ID = Pattern.compile("\"subjectId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern RISK = Pattern.compile("\"riskLevel\"\\s*:\\s*\"([^\"]+)\"");
    /** data.source of a referral (the envelope's "source" is /heartline/referral). */
    static final Pattern SOURCE_SCREENING = Pattern.compile("\"source\"\\s*:\\s*\"SCREENING\"");
    static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern RECEIPT_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    final Map<String, String> args = new HashMap<>();
    final List<String[]> tokens = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final Random random = new Random(13);

    // Event tap: everything seen on the topics while a phase runs.
    final Map<String, Sent> sentByScreening = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Flagged> flagged = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Object[]> referrals = new ConcurrentLinkedQueue<>(); // subject, receivedNanos
    final AtomicBoolean tapping = new AtomicBoolean(true);

    public static void main(String[] argv) throws Exception {
        new IntakeBench().run(argv);
    }

    void run(String[] argv) throws Exception {
        for (String a : argv) {
            int eq = a.indexOf('=');
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        for (String line : Files.readAllLines(Path.of(args.get("tokens")))) {
            if (!line.isBlank()) {
                tokens.add(line.trim().split(" ", 2));
            }
        }
        int rate = Integer.parseInt(args.getOrDefault("rate", "600"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(args.getOrDefault("warmup", "60")));
        Duration measure = Duration.ofSeconds(Long.parseLong(args.getOrDefault("seconds", "60")));
        int rounds = Integer.parseInt(args.getOrDefault("rounds", "1"));
        List<String> targets = List.of(args.getOrDefault("targets", "gateway,direct").split(","));

        Thread tap = Thread.ofPlatform().name("tap").daemon().start(this::tap);
        List<Phase> phases = new ArrayList<>();
        for (String target : targets) {
            System.out.printf("warm-up %s at %d/s for %d s%n", target, rate, warmup.toSeconds());
            phase(target, rate, warmup);
        }
        for (int round = 0; round < rounds; round++) {
            for (String target : targets) { // alternate the variants: drift of a shared machine hits both alike
                Phase p = phase(target, rate, measure);
                phases.add(p);
                print(List.of(p));
            }
        }
        tapping.set(false);
        tap.join(5_000);
        System.out.println();
        System.out.println("==== summary ====");
        print(phases);
    }

    Phase phase(String target, int rate, Duration duration) throws Exception {
        String base = args.get(target);
        sentByScreening.clear();
        flagged.clear();
        referrals.clear();
        Map<String, Long> cpu0 = cpuTicks();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        long total = rate * duration.toSeconds();
        long[] lat = new long[(int) total];
        Arrays.fill(lat, -1);
        AtomicLong errors = new AtomicLong();
        AtomicLong done = new AtomicLong();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String[] who = tokens.get(random.nextInt(tokens.size()));
            int index = i;
            http.sendAsync(request(base, who[1]), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long now = System.nanoTime();
                lat[index] = now - scheduled;
                if (e != null || r.statusCode() != 201) {
                    errors.incrementAndGet();
                } else {
                    Matcher m = RECEIPT_ID.matcher(r.body());
                    if (m.find()) {
                        sentByScreening.put(m.group(1), new Sent(who[0], now));
                    }
                }
                done.incrementAndGet();
            });
        }
        long lastScheduled = start + (total - 1) * interval;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (done.get() < total && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        // Let the chain finish for the last submissions before the CPU counters are read.
        long chainDeadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < chainDeadline && referrals.size() < flagged.size()) {
            LockSupport.parkNanos(50_000_000L);
        }
        LockSupport.parkNanos(500_000_000L);
        Map<String, Long> cpu1 = cpuTicks();
        Map<String, Double> cpuMs = new LinkedHashMap<>();
        double sum = 0;
        long sent = total - errors.get();
        for (String name : cpu1.keySet()) {
            long before = cpu0.getOrDefault(name, cpu1.get(name));
            // A process that restarted meanwhile (counter went down) cannot be charged: NaN.
            double ms = cpu1.get(name) < before || sent == 0 ? Double.NaN : (cpu1.get(name) - before) * 10.0 / sent;
            cpuMs.put(name, ms);
            sum += Double.isNaN(ms) ? 0 : ms;
        }
        cpuMs.put("TOTAL", sum);
        double[] ms = Arrays.stream(lat).filter(x -> x >= 0).mapToDouble(x -> x / 1e6).sorted().toArray();
        long unanswered = total - ms.length;
        List<Double> chainAll = new ArrayList<>();
        List<Double> chainCritical = new ArrayList<>();
        long unmatched = chain(chainAll, chainCritical);
        return new Phase(target, rate, total, errors.get() + unanswered, done.get() / Math.max(elapsed,
                (lastScheduled - start) / 1e9), ms, cpuMs, sorted(chainAll), sorted(chainCritical), unmatched);
    }

    /** Pairs flagged screenings of this phase with referral-created events, per person in order. */
    long chain(List<Double> all, List<Double> critical) {
        Map<String, ArrayDeque<Long>> referralTimes = new HashMap<>();
        for (Object[] r : referrals) {
            referralTimes.computeIfAbsent((String) r[0], k -> new ArrayDeque<>()).add((Long) r[1]);
        }
        long unmatched = 0;
        for (Flagged f : flagged) {
            Sent s = sentByScreening.get(f.screeningId());
            if (s == null) {
                continue; // a submission of another phase
            }
            Long at = referralTimes.getOrDefault(f.subject(), new ArrayDeque<>()).poll();
            if (at == null) {
                unmatched++;
                continue;
            }
            double ms = Math.max(0, at - s.completedNanos()) / 1e6;
            all.add(ms);
            if ("CRITICAL".equals(f.level())) {
                critical.add(ms);
            }
        }
        return unmatched;
    }

    void tap() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.getOrDefault("kafka", "127.0.0.1:9092"));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of("heartline.screening", "heartline.referral")) {
                c.partitionsFor(topic).forEach(pi -> parts.add(new TopicPartition(topic, pi.partition())));
            }
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position);
            while (tapping.get()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    String v = new String(r.value(), StandardCharsets.UTF_8);
                    String type = find(TYPE, v);
                    if ("heartline.screening.risk-flagged.v1".equals(type)) {
                        flagged.add(new Flagged(find(SCREENING_ID, v), find(SUBJECT_ID, v), find(RISK, v), now));
                    } else if ("heartline.referral.created.v1".equals(type) && SOURCE_SCREENING.matcher(v).find()) {
                        referrals.add(new Object[] { find(SUBJECT_ID, v), now });
                    }
                }
            }
        } catch (RuntimeException e) {
            System.out.println("event tap failed: " + e);
        }
    }

    /** utime+stime (clock ticks, 10 ms) per stack process, and of the stack databases' PostgreSQL backends. */
    Map<String, Long> cpuTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String entry : args.getOrDefault("pids", "").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] kv = entry.split(":");
            ticks.put(kv[0], ticksOf(Long.parseLong(kv[1])));
        }
        if (args.containsKey("pg")) {
            try (Connection c = DriverManager.getConnection(args.get("pg")); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT datname, pid FROM pg_stat_activity "
                            + "WHERE datname IN ('heartline_screening', 'heartline_referral', 'heartline_crisis', "
                            + "'heartline_training') AND pid <> pg_backend_pid()")) {
                while (rs.next()) {
                    ticks.merge("pg:" + rs.getString(1).replace("heartline_", ""), ticksOf(rs.getLong(2)), Long::sum);
                }
            } catch (Exception e) {
                System.out.println("no PostgreSQL backend figures: " + e.getMessage());
            }
        }
        return ticks;
    }

    static long ticksOf(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    HttpRequest request(String base, String token) {
        // Answers drawn like a school population: mostly 0, some higher; item 9 (self-harm) endorsed now and then.
        StringBuilder answers = new StringBuilder();
        int total = 0;
        for (int item = 1; item <= 9; item++) {
            int value = random.nextInt(100) < (item == 9 ? 96 : 72) ? 0 : 1 + random.nextInt(3);
            total += value;
            answers.append("{\"item\":").append(item).append(",\"value\":").append(value).append("},");
        }
        answers.append("{\"item\":10,\"value\":0},");
        if (total > 0) {
            answers.append("{\"item\":11,\"value\":1},");
        }
        answers.append("{\"item\":12,\"value\":0},{\"item\":13,\"value\":0}");
        String body = "{\"instrument\":\"PHQ-A\",\"answers\":[" + answers + "]}";
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/screenings"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    static List<Double> sorted(List<Double> l) {
        List<Double> copy = new ArrayList<>(l);
        copy.sort(null);
        return copy;
    }

    static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
    }

    static double pct(List<Double> sorted, double p) {
        return pct(sorted.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }

    static void print(List<Phase> phases) {
        System.out.println("| target | rate/s | achieved/s | sent | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
                + "| chain p50/p99 ms (all flagged, n) | chain p50/p99 ms (CRITICAL, n) | unmatched |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Phase p : phases) {
            System.out.printf("| %s | %d | %.0f | %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f / %.1f (%d) "
                    + "| %.1f / %.1f (%d) | %d |%n", p.target(), p.rate(), p.achievedRate(), p.sent(), p.errors(),
                    pct(p.latMs(), .5), pct(p.latMs(), .9), pct(p.latMs(), .99), pct(p.latMs(), .999),
                    pct(p.latMs(), 1), pct(p.chainAll(), .5), pct(p.chainAll(), .99), p.chainAll().size(),
                    pct(p.chainCritical(), .5), pct(p.chainCritical(), .99), p.chainCritical().size(),
                    p.unmatchedFlagged());
        }
        for (Phase p : phases) {
            StringBuilder sb = new StringBuilder("CPU ms/submission, " + p.target() + ":");
            p.cpuMsPerSubmission().forEach((k, v) -> sb.append(String.format(" %s %.2f", k, v)));
            System.out.println(sb);
        }
    }
}
