package io.heartline.training.bench;

import static io.restassured.RestAssured.given;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.BulkFixture;
import io.heartline.training.support.DirectoryFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The compliance report of a generated district (default 200 schools, 20 000 staff, 1 000 students a school, hours
 * and certificates for most staff), asked at a fixed rate through HTTP; latency is measured from each request's
 * scheduled start (no coordinated omission). Prints p50/p95/p99/max and the service JVM's CPU-ms per request.
 * {@code ./mvnw -o -Pbench -pl training-service -am test -Dtest=ComplianceBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.schools=200 -Dbench.staffPerSchool=100 -Dbench.rate=4 -Dbench.seconds=60}).
 */
@QuarkusTest
@io.quarkus.test.junit.TestProfile(ComplianceBenchmark.Cached.class)
@Tag("benchmark")
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class ComplianceBenchmark {

    /** The production setting of the report cache (tests run without it). */
    public static class Cached implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("heartline.training.compliance.cache-ttl",
                    System.getProperty("bench.cacheTtl", "30s"));
        }
    }

    @Inject
    AgroalDataSource db;
    @Inject
    io.heartline.training.compliance.ComplianceReport reports;

    @Test
    void districtOf200SchoolsAnd20000Staff() throws Exception {
        int schools = Integer.getInteger("bench.schools", 200);
        int staffPerSchool = Integer.getInteger("bench.staffPerSchool", 100);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "4"));
        int seconds = Integer.getInteger("bench.seconds", 60);
        DirectoryFixture dir = new DirectoryFixture(db, DirectoryFixture.unique("bench-district"));
        String d = dir.district;
        long t0 = System.nanoTime();
        BulkFixture.exec(db, """
                INSERT INTO school (district, school_id, name, active, updated_at)
                SELECT ?, 'S' || s, 'School ' || s, true, now() FROM generate_series(1, ?) s""", d, schools);
        // Students: 500..1500 a school, so that the staffing rule splits.
        BulkFixture.exec(db, """
                INSERT INTO person (district, person_id, kind, source, source_id, school_id, active, created_at, updated_at)
                SELECT ?, 'st-' || s || '-' || g, 'STUDENT', 'ONEROSTER', 'st-' || s || '-' || g, 'S' || s, true,
                       now(), now()
                FROM generate_series(1, ?) s, generate_series(1, 500 + (s * 37) % 1000) g""", d, schools);
        BulkFixture.exec(db, """
                INSERT INTO person (district, person_id, kind, source, source_id, display_name, school_id, active,
                                    created_at, updated_at)
                SELECT ?, 'e-' || s || '-' || g, 'STAFF', 'HR', 'e-' || s || '-' || g, 'Staff ' || g, 'S' || s, true,
                       now(), now()
                FROM generate_series(1, ?) s, generate_series(1, ?) g""", d, schools, staffPerSchool);
        BulkFixture.exec(db, """
                INSERT INTO staff_role (district, person_id, school_id, role, full_time)
                SELECT ?, 'e-' || s || '-' || g, 'S' || s,
                       CASE WHEN g <= 2 THEN 'PSYCHOLOGY_TEACHER' WHEN g <= 50 THEN 'CLASS_TEACHER'
                            WHEN g <= 53 THEN 'SCHOOL_LEADER' ELSE 'OTHER' END,
                       g <> 2
                FROM generate_series(1, ?) s, generate_series(1, ?) g""", d, schools, staffPerSchool);
        BulkFixture.exec(db, """
                INSERT INTO hours_credit (id, district, person_id, year, kind, hours, event_level, source_ref, title,
                                          credited_at)
                SELECT gen_random_uuid(), ?, 'e-' || s || '-' || g, y, k, (g % 30) + 1,
                       CASE WHEN k = 'CONFERENCE' THEN 'PROVINCIAL' WHEN k = 'EXTERNAL' THEN 'COUNTY' END,
                       'ref-' || y || '-' || k, 'Generated', now()
                FROM generate_series(1, ?) s, generate_series(1, ?) g, generate_series(2024, 2026) y,
                     unnest(ARRAY['COURSE', 'XAPI', 'CONFERENCE', 'EXTERNAL']) k
                WHERE (g + y) % 3 <> 0""", d, schools, staffPerSchool);
        BulkFixture.exec(db, """
                INSERT INTO hours_year (district, person_id, year, hours, provincial_conferences, course_credits,
                                        county_events)
                SELECT district, person_id, year, sum(hours),
                       count(*) FILTER (WHERE kind = 'CONFERENCE' AND event_level = 'PROVINCIAL'),
                       count(*) FILTER (WHERE kind = 'COURSE'),
                       count(*) FILTER (WHERE event_level IN ('COUNTY', 'PROVINCIAL'))
                FROM hours_credit WHERE district = ? GROUP BY district, person_id, year""", d);
        BulkFixture.exec(db, """
                INSERT INTO certificate (id, district, person_id, school_id, kind, title, code, holder_initials,
                                         issued_at, expires_at, issued_by)
                SELECT gen_random_uuid(), ?, 'e-' || s || '-' || g, 'S' || s,
                       (ARRAY['QUALIFICATION_A', 'QUALIFICATION_B', 'QUALIFICATION_C'])[1 + g % 3], 'Q',
                       'BENCH-' || ? || '-' || s || '-' || g, 'S.', now() - interval '100 days',
                       now() + interval '900 days', 'bench'
                FROM generate_series(1, ?) s, generate_series(1, ?) g WHERE g % 5 <> 0""",
                d, d, schools, staffPerSchool);
        BulkFixture.exec(db, "ANALYZE");
        System.out.printf("%nCompliance benchmark: %d schools, %d staff, data generated in %.1f s%n", schools,
                schools * staffPerSchool, (System.nanoTime() - t0) / 1e9);

        // Uncached: the computation itself (five queries and the rules), one after another.
        var threads = ManagementFactory.getThreadMXBean();
        for (String school : java.util.Arrays.asList(null, "S7")) {
            int runs = Integer.getInteger("bench.uncachedRuns", 30);
            long[] t = new long[runs];
            long cpu = 0;
            for (int i = 0; i < runs + 5; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long s0 = System.nanoTime();
                reports.report(d, school, 2026);
                if (i >= 5) {
                    t[i - 5] = System.nanoTime() - s0;
                    cpu += threads.getCurrentThreadCpuTime() - c0;
                }
            }
            Arrays.sort(t);
            System.out.printf("  uncached report (%s), %d runs: p50 %.1f ms  p99 %.1f ms  max %.1f ms  Java CPU %.1f ms/run"
                    + "%n", school == null ? "district" : "one school", runs, ms(t, 0.5), ms(t, 0.99),
                    t[runs - 1] / 1e6, cpu / 1e6 / runs);
        }
        sqlBeforeAndAfter(d, Integer.getInteger("bench.sqlRounds", 20));
        String token = dir.token("district-admin", null, "bench");
        for (String level : List.of("district", "school", "person")) {
            String url = "/api/v1/compliance?level=" + level + "&year=2026";
            for (int i = 0; i < 20; i++) {
                given().auth().oauth2(token).get(url).then().statusCode(200);
            }
            int n = (int) (rate * seconds);
            long[] latencies = new long[n];
            long intervalNanos = (long) (1e9 / rate);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long scheduled = start + i * intervalNanos;
                long now;
                while ((now = System.nanoTime()) < scheduled) {
                    java.util.concurrent.locks.LockSupport.parkNanos(scheduled - now);
                }
                given().auth().oauth2(token).get(url).then().statusCode(200);
                latencies[i] = System.nanoTime() - scheduled;
            }
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / n;
            Arrays.sort(latencies);
            System.out.printf("  level=%-8s %d requests at %.1f/s: p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms"
                    + "  test-JVM CPU %.1f ms/request%n", level, n, rate, ms(latencies, 0.50), ms(latencies, 0.95),
                    ms(latencies, 0.99), latencies[n - 1] / 1e6, cpuMs);
        }
        String csv = given().auth().oauth2(token).get("/api/v1/compliance?level=person&year=2026&format=csv")
                .then().statusCode(200).extract().asString();
        List<String> lines = new ArrayList<>(csv.lines().toList());
        System.out.printf("  person CSV: %d lines, %.1f MB%n", lines.size(), csv.length() / 1e6);
    }

    /**
     * The three district queries that changed (Dec 2026), before and after, alternated in one run so that the shared
     * machine's load falls on both alike: staff without / with the partial index (the "before" plan is forced with
     * the planner's scan switches, which gives the sequential scan it chose when the index did not exist), hours and
     * certificates aggregated in SQL / read as rows. Time includes reading every row over JDBC.
     */
    private void sqlBeforeAndAfter(String district, int rounds) throws Exception {
        String staff = """
                SELECT p.person_id, p.school_id, r.school_id, r.role, r.full_time
                FROM person p LEFT JOIN staff_role r ON r.district = p.district AND r.person_id = p.person_id
                WHERE p.district = ? AND p.kind = 'STAFF' AND p.active""";
        List<String> before = List.of(staff, """
                SELECT person_id, COALESCE(sum(hours) FILTER (WHERE year = 2026), 0),
                       COALESCE(sum(provincial_conferences) FILTER (WHERE year = 2026), 0),
                       COALESCE(sum(county_events) FILTER (WHERE year = 2026), 0), sum(course_credits) > 0
                FROM hours_year WHERE district = ? AND year BETWEEN 2024 AND 2026 GROUP BY person_id""", """
                SELECT person_id, min(kind) FILTER (WHERE kind LIKE 'QUALIFICATION_%'),
                       bool_or(kind = 'CRISIS_INTERVENTION')
                FROM certificate WHERE district = ? AND revoked_at IS NULL AND issued_at <= now()
                  AND (expires_at IS NULL OR expires_at > now()) GROUP BY person_id""");
        List<String> after = List.of(staff, """
                SELECT person_id, year, hours, provincial_conferences, county_events, course_credits
                FROM hours_year WHERE district = ? AND year BETWEEN 2024 AND 2026""", """
                SELECT person_id, kind FROM certificate
                WHERE district = ? AND revoked_at IS NULL AND issued_at <= now() AND (expires_at IS NULL OR expires_at > now())
                  AND kind IN ('QUALIFICATION_A', 'QUALIFICATION_B', 'QUALIFICATION_C', 'CRISIS_INTERVENTION')""");
        long[][] t = new long[2][rounds];
        for (int i = 0; i < rounds + 2; i++) {
            for (int k = 0; k < 2; k++) {
                int variant = (i + k) % 2; // alternate which goes first
                long ns = runAll(district, variant == 0 ? before : after, variant == 0);
                if (i >= 2) {
                    t[variant][i - 2] = ns;
                }
            }
        }
        for (int v = 0; v < 2; v++) {
            Arrays.sort(t[v]);
            System.out.printf("  SQL %s (staff, hours, certificates), %d alternated rounds: p50 %.1f ms  p99 %.1f ms"
                    + "%n", v == 0 ? "before" : "after ", rounds, ms(t[v], 0.5), ms(t[v], 0.99));
        }
    }

    private long runAll(String district, List<String> sqls, boolean noIndex) throws Exception {
        try (var c = db.getConnection()) {
            c.setAutoCommit(false);
            long s0 = System.nanoTime();
            if (noIndex) {
                try (var st = c.createStatement()) {
                    st.execute("SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexscan = off;"
                            + " SET LOCAL enable_indexonlyscan = off");
                }
            }
            for (String sql : sqls) {
                try (var ps = c.prepareStatement(sql)) {
                    ps.setString(1, district);
                    try (var rs = ps.executeQuery()) {
                        int cols = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int j = 1; j <= cols; j++) {
                                rs.getObject(j);
                            }
                        }
                    }
                }
            }
            long ns = System.nanoTime() - s0;
            c.rollback();
            return ns;
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
