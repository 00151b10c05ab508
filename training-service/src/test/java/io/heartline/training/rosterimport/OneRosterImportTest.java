package io.heartline.training.rosterimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.heartline.training.support.Imports;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/** OneRoster 1.2 bundles: bulk with bad rows, guardians and staff; a delta with a move and a leaver; a held bulk. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class OneRosterImportTest {

    private final String d = Imports.unique("district");
    private final Imports sis = new Imports(d);
    private final EventTap tap = EventTap.of(Topics.TRAINING);

    static final String ORGS = """
            sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
            D,active,2026-09-01T00:00:00Z,Demo District,district,,
            S1,active,2026-09-01T00:00:00Z,第一中学,school,,D
            S2,active,2026-09-01T00:00:00Z,Elsewhere School,school,,OTHER
            """;
    static final String CLASSES = """
            sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods
            C1,active,,初一(1)班,07,,,homeroom,,S1,T1,,,
            C2,active,,初一(2)班,07,,,homeroom,,S1,T1,,,
            C3,active,,Maths 7,07,,,scheduled,,S1,T1,,,
            C9,active,,Orphan,07,,,homeroom,,SX,T1,,,
            """;
    static final String USERS = """
            sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password
            U1,active,2026-09-01T00:00:00Z,true,u1,,Xiaoming,Li,,,,,,G1,07,
            U2,active,2026-09-01T00:00:00Z,true,u2,,Hong,Wang,,,,,,,07,
            U2,active,2026-09-01T00:00:00Z,true,u2b,,Hong,Wang,,,,,,,07,
            G1,active,2026-09-01T00:00:00Z,true,g1,,Da,Li,,,parent@example.cn,+8613800000000,,U1,,
            T1,active,2026-09-01T00:00:00Z,true,t1,,Lei,Zhang,,,,,,,,
            U3,active,2026-09-01T00:00:00Z,true,u3,,Nobody,Role,,,,,,,,
            """;
    static final String ROLES = """
            sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId
            R1,active,,U1,primary,student,,,S1,
            R2,active,,U2,primary,student,,,S1,
            R3,active,,G1,primary,parent,,,S1,
            R4,active,,T1,primary,teacher,,,S1,
            """;
    static final String DEMOGRAPHICS = """
            sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian
            U1,active,,2013-05-10,male,,
            U2,active,,2010-01-01,female,,
            """;
    static final String ENROLLMENTS = """
            sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate
            EN1,active,,C3,S1,U1,student,false,,
            EN2,active,,C1,S1,U1,student,false,,
            EN3,active,,C2,S1,U2,student,false,,
            EN4,active,,C1,S1,T1,teacher,true,,
            """;
    static final String SESSIONS = """
            sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear
            T1,active,,2026 Autumn,term,2026-09-01,2027-01-31,,2027
            """;

    private byte[] bulk() {
        return Imports.zip(Imports.bundle("bulk", "orgs.csv", ORGS.replace("D,", d + ",").replace(",D\n", "," + d
                + "\n"), "academicSessions.csv", SESSIONS, "classes.csv", CLASSES, "users.csv", USERS, "roles.csv",
                ROLES, "demographics.csv", DEMOGRAPHICS, "enrollments.csv", ENROLLMENTS));
    }

    @Test
    void bulkBundleDryRunThenApplyRowByRow() {
        JsonPath dry = sis.oneRoster(true, bulk());
        assertEquals("DRY_RUN_DONE", dry.getString("state"), dry.prettify());
        List<String> expected = List.of(
                "orgs.csv:2 org S1 CREATED",
                "orgs.csv:3 org S2 ERROR",
                "classes.csv:1 class C1 CREATED",
                "classes.csv:2 class C2 CREATED",
                "classes.csv:3 class C3 CREATED",
                "classes.csv:4 class C9 ERROR",
                "users.csv:1 user U1 CREATED",
                "users.csv:2 user U2 CREATED",
                "users.csv:3 user U2 ERROR",
                "users.csv:4 user G1 CREATED",
                "users.csv:5 user T1 SKIPPED",
                "users.csv:6 user U3 ERROR",
                "users.csv:1 guardian-link U1/G1 CREATED");
        assertEquals(expected, Imports.summary(sis.rows(dry.getString("id"))));
        assertEquals(List.of("parentSourcedId 'OTHER' is not the district of this import",
                "school SX is neither in orgs.csv nor in the directory", "duplicate of row 2 (U2)",
                "the user has no role (roles.csv or role column)"), dry.getList("errors.reason"));

        String id = dry.getString("id");
        sis.post(id, "apply").then().statusCode(202);
        JsonPath done = sis.awaitSettled(id);
        assertEquals("DONE", done.getString("state"));
        assertEquals(expected, Imports.summary(sis.rows(id)));
        assertEquals(8, done.getInt("counts.created"), "a school, 3 classes, 3 people, a guardian link");
        assertEquals(1, done.getInt("counts.skipped"));
        assertEquals(4, done.getInt("counts.errors"));
        assertEquals(done.getInt("rowsTotal"), done.getInt("rowsDone"));

        EventTap.Seen enrolled = tap.awaitData("studentId", "U1", 2, Duration.ofSeconds(30)).stream()
                .filter(s -> s.event().type().equals(Training.STUDENT_ENROLLED) && d.equals(s.data("district")))
                .findFirst().orElseThrow();
        assertEquals("C1", enrolled.data("classId"), "the homeroom class, not the maths class");
        assertEquals("07", enrolled.data("grade"));
        assertEquals("2027-05-09", enrolled.data("guardianConsentRequiredUntil"));
        EventTap.Seen link = tap.await(s -> s.event().type().equals(Training.GUARDIAN_LINKED)
                && d.equals(s.data("district")), 1, Duration.ofSeconds(30)).get(0);
        assertEquals("G1", link.data("guardianId"));
        assertEquals("PARENT", link.data("relationship"));
        List<EventTap.Seen> mine = tap.matching(s -> d.equals(s.data("district")));
        mine.forEach(s -> assertEquals(List.of(), s.schemaProblems(), s.event().type()));
        for (String secret : List.of("Xiaoming", "2013-05-10", "parent@example.cn", "+8613800000000")) {
            assertTrue(mine.stream().noneMatch(s -> new String(s.raw(), StandardCharsets.UTF_8).contains(secret)),
                    secret + " must not leave the service");
        }

        JsonPath again = sis.oneRoster(false, bulk());
        assertEquals(0, again.getInt("counts.created") + again.getInt("counts.updated")
                + again.getInt("counts.deactivated"), "the same bundle twice changes nothing");
    }

    @Test
    void deltaMovesAStudentAndDeletesAnother() {
        sis.oneRoster(false, bulk());
        String users = """
                sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password
                U1,tobedeleted,2026-10-01T00:00:00Z,true,u1,,Xiaoming,Li,,,,,,G1,07,
                U2,active,2026-10-01T00:00:00Z,true,u2,,Hong,Wang,,,,,,,07,
                """;
        String enrollments = """
                sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate
                EN5,active,,C1,S1,U2,student,false,,
                """;
        String roles = ROLES.lines().filter(l -> !l.contains("T1")).reduce("", (a, b) -> a + b + "\n");
        byte[] delta = Imports.zip(Imports.bundle("delta", "users.csv", users, "roles.csv", roles,
                "enrollments.csv", enrollments));
        JsonPath held = sis.oneRoster(false, delta);
        assertEquals("HELD", held.getString("state"), "1 of 3 active people is above the 10 % threshold");
        sis.post(held.getString("id"), "confirm").then().statusCode(202);
        JsonPath r = sis.awaitSettled(held.getString("id"));
        assertEquals("DONE", r.getString("state"), r.prettify());
        assertEquals(1, r.getInt("counts.deactivated"));
        assertEquals(1, r.getInt("counts.updated"));
        EventTap.Seen moved = tap.await(s -> s.event().type().equals(Training.STUDENT_MOVED)
                && d.equals(s.data("district")), 1, Duration.ofSeconds(30)).get(0);
        assertEquals("C1", moved.data("classId"));
        assertEquals("C2", moved.data("previousClassId"));
        tap.await(s -> s.event().type().equals(Training.STUDENT_LEFT) && "U1".equals(s.data("studentId"))
                && d.equals(s.data("district")), 1, Duration.ofSeconds(30));
    }

    @Test
    void bulkBundleThatDropsMostPeopleIsHeld() {
        sis.oneRoster(false, bulk());
        String users = USERS.lines().filter(l -> !l.startsWith("U1") && !l.startsWith("G1"))
                .reduce("", (a, b) -> a + b + "\n");
        byte[] shrunk = Imports.zip(Imports.bundle("bulk", "users.csv", users, "roles.csv", ROLES,
                "demographics.csv", DEMOGRAPHICS, "enrollments.csv", ENROLLMENTS));
        JsonPath held = sis.oneRoster(false, shrunk);
        assertEquals("HELD", held.getString("state"));
        assertEquals(2, held.getInt("held.deactivations"));
        assertEquals(3, held.getInt("held.activePeople"));
        sis.post(held.getString("id"), "confirm").then().statusCode(202);
        JsonPath done = sis.awaitSettled(held.getString("id"));
        assertEquals("DONE", done.getString("state"));
        assertEquals(2, done.getInt("counts.deactivated"));
    }

    @Test
    void notAZipFails() {
        JsonPath r = sis.oneRoster(false, "not a zip".getBytes(StandardCharsets.UTF_8));
        assertEquals("FAILED", r.getString("state"));
        assertEquals("The upload is not a zip archive", r.getString("failure"));
    }

    @Test
    void refusalsAreProblems() {
        RestAssured.given().contentType("application/zip").body(bulk()).queryParam("format", "oneroster-csv")
                .post("/api/v1/roster-imports").then().statusCode(401);
        RestAssured.given().auth().oauth2(TestTokens.forRole("district-admin").district(d).sign())
                .contentType("application/zip").body(bulk()).queryParam("format", "oneroster-csv")
                .post("/api/v1/roster-imports").then().statusCode(403);
        sis.upload("csv-ish", true, "text/csv", "x".getBytes()).then().statusCode(400)
                .contentType("application/problem+json");
        sis.upload("staff-csv", true, "image/png", "x".getBytes()).then().statusCode(415);
        sis.upload("staff-csv", true, "text/csv", new byte[0]).then().statusCode(400);
        String id = sis.upload("oneroster-csv", true, "application/zip", bulk()).then().statusCode(202)
                .extract().path("id");
        RestAssured.given().auth().oauth2(TestTokens.forRole("hr-sync").district("another-district").sign())
                .get("/api/v1/roster-imports/" + id).then().statusCode(404);
        sis.get("not-a-uuid").then().statusCode(404);
        sis.awaitSettled(id);
        sis.post(id, "confirm").then().statusCode(409).contentType("application/problem+json");
    }
}
