package io.heartline.training.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.Imports;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A 50 000-person OneRoster bundle (students with guardians, classes, enrolments, birth dates): dry run, apply, and
 * the same bundle again, each timed, with the heap's peak while it ran (the whole test JVM: service, in-JVM Kafka
 * broker, test client). Prints figures; asserts nothing about speed. {@code bin/bench training}
 * (-Dbench.people=50000); run it with {@code -Dsurefire.argLine=-Xmx256m} to prove the heap bound.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class RosterImportBenchmark {

    @Test
    void fiftyThousandPeople() {
        int people = Integer.getInteger("bench.people", 50_000);
        int students = people * 4 / 5;
        int guardians = people - students;
        String d = Imports.unique("bench-district");
        Imports sis = new Imports(d);
        byte[] zip = bundle(d, students, guardians);
        resetPeaks();
        System.out.printf("%nRoster import benchmark: %d students, %d guardians, zip %.1f MB; max heap %d MB, "
                + "heap in use when idle (after GC) %d MB%n", students, guardians, zip.length / 1e6,
                Runtime.getRuntime().maxMemory() >> 20, peakHeapMb());
        for (String phase : new String[] {"dry run", "apply", "same bundle again"}) {
            resetPeaks();
            long t0 = System.nanoTime();
            JsonPath r = sis.oneRoster(phase.equals("dry run"), zip);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("  %-18s %6.1f s  state %-12s rows %d/%d  created %d unchanged %d errors %d"
                    + "  heap peak %d MB%n", phase, seconds, r.getString("state"), r.getInt("rowsDone"),
                    r.getInt("rowsTotal"), r.getInt("counts.created"), r.getInt("counts.unchanged"),
                    r.getInt("counts.errors"), peakHeapMb());
        }
    }

    private static byte[] bundle(String d, int students, int guardians) {
        int schools = 10;
        int classesPerSchool = Math.max(1, students / schools / 40);
        StringBuilder orgs = new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n");
        StringBuilder classes = new StringBuilder("sourcedId,status,dateLastModified,title,grades,courseSourcedId,"
                + "classCode,classType,location,schoolSourcedId,termSourcedIds\n");
        for (int s = 0; s < schools; s++) {
            orgs.append("S").append(s).append(",active,,School ").append(s).append(",school,,").append(d)
                    .append('\n');
            for (int c = 0; c < classesPerSchool; c++) {
                classes.append("C").append(s).append('-').append(c).append(",active,,Class ").append(c).append(",0")
                        .append(7 + c % 3).append(",,,homeroom,,S").append(s).append(",T1\n");
            }
        }
        StringBuilder users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,username,userIds,"
                + "givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds\n");
        StringBuilder roles = new StringBuilder("sourcedId,status,dateLastModified,userSourcedId,roleType,role,"
                + "beginDate,endDate,orgSourcedId\n");
        StringBuilder demographics = new StringBuilder("sourcedId,status,dateLastModified,birthDate\n");
        StringBuilder enrollments = new StringBuilder("sourcedId,status,dateLastModified,classSourcedId,"
                + "schoolSourcedId,userSourcedId,role,primary\n");
        for (int i = 0; i < students; i++) {
            int school = i % schools;
            int cls = (i / schools) % classesPerSchool;
            String guardian = i < guardians ? "G" + i : "";
            users.append("U").append(i).append(",active,2026-09-01T00:00:00Z,true,,,Given").append(i)
                    .append(",Family,,,,,,").append(guardian).append('\n');
            roles.append("R").append(i).append(",active,,U").append(i).append(",primary,student,,,S").append(school)
                    .append('\n');
            demographics.append("U").append(i).append(",active,,20").append(10 + i % 6).append("-0")
                    .append(1 + i % 9).append("-1").append(i % 9).append('\n');
            enrollments.append("E").append(i).append(",active,,C").append(school).append('-').append(cls)
                    .append(",S").append(school).append(",U").append(i).append(",student,false\n");
        }
        for (int g = 0; g < guardians; g++) {
            users.append("G").append(g).append(",active,2026-09-01T00:00:00Z,true,,,Parent").append(g)
                    .append(",Family,,,p").append(g).append("@example.cn,,,U").append(g).append('\n');
            roles.append("RG").append(g).append(",active,,G").append(g).append(",primary,parent,,,S")
                    .append(g % schools).append('\n');
        }
        Map<String, String> files = new LinkedHashMap<>(Imports.bundle("bulk", "orgs.csv", orgs.toString(),
                "classes.csv", classes.toString(), "users.csv", users.toString(), "roles.csv", roles.toString(),
                "demographics.csv", demographics.toString(), "enrollments.csv", enrollments.toString()));
        return Imports.zip(files);
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }
}
