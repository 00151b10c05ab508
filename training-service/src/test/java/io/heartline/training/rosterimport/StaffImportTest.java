package io.heartline.training.rosterimport;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventPublisher;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.Imports;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The HR staff file vector: leavers, a re-hire, an id change, a class teacher change, bad and duplicate rows. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class StaffImportTest {

    private static final String HEADER =
            "employeeNumber,previousEmployeeNumber,displayName,districtId,schoolId,roles,classIds,fullTime,status\n";

    @Inject
    AgroalDataSource db;

    private final String d = Imports.unique("district");
    private final Imports hr = new Imports(d);
    private final EventTap tap = EventTap.of(Topics.TRAINING);

    private String baseline() {
        StringBuilder csv = new StringBuilder(HEADER);
        csv.append("E1,,Wang Fang,D,S1,PSYCHOLOGY_TEACHER,,true,active\n");
        csv.append("E2,,Li Lei,D,S1,CLASS_TEACHER,C1,true,active\n");
        csv.append("E3,,Zhang Wei,D,S1,OTHER,,true,active\n");
        csv.append("E6,,Zhou Jie,D,S1,OTHER,,false,active\n");
        csv.append("E7,,Sun Li,D,S1,SCHOOL_DOCTOR,,true,active\n");
        for (int i = 10; i < 20; i++) {
            csv.append("E").append(i).append(",,Staff ").append(i).append(",D,S1,OTHER,,true,active\n");
        }
        return csv.toString().replace(",D,", "," + d + ",");
    }

    private String vector() {
        return (HEADER
                + "E1,,Wang Fang,D,S1,PSYCHOLOGY_TEACHER,,true,active\n"     // 1 unchanged
                + "E2,,Li Lei,D,S1,CLASS_TEACHER,C2,true,active\n"           // 2 class teacher change
                + "E3,,Zhang Wei,D,S1,OTHER,,true,inactive\n"                // 3 leaver
                + "E6,,Zhou Jie,D,S1,OTHER,,false,active\n"                  // 4 re-hire
                + "E7N,E7,Sun Li,D,S1,SCHOOL_DOCTOR,,true,active\n"          // 5 id change
                + "E8,,Ma Chao,D,S1,WIZARD,,true,active\n"                   // 6 unknown role
                + "E1,,Wang Fang,D,S1,PSYCHOLOGY_TEACHER,,true,active\n"     // 7 duplicate
                + "E9,,,D,S1,OTHER,,true,active\n"                           // 8 no name
                + "E10,,Staff 10,OTHER-DISTRICT,S1,OTHER,,true,active\n"     // 9 other district
                + "E20,,Guo Hua,D,S1,PSYCHOLOGY_CENTRE_HEAD,,true,active\n") // 10 new
                .replace(",D,", "," + d + ",");
    }

    @Test
    void dryRunReportsRowByRowWithoutWritingThenApplyDoesExactlyThat() {
        assertEquals(15, hr.staffCsv(false, baseline()).getInt("counts.created"));
        // E6 leaves first, so that the vector's E6 row is a re-hire.
        hr.staffCsv(false, HEADER + "E6,,Zhou Jie," + d + ",S1,OTHER,,false,inactive\n");
        assertEquals(false, active("E6"));

        JsonPath dry = hr.staffCsv(true, vector());
        assertEquals("DRY_RUN_DONE", dry.getString("state"));
        assertEquals(10, dry.getInt("rowsTotal"));
        assertEquals(10, dry.getInt("rowsDone"));
        assertCounts(dry, 1, 1, 1, 1, 1, 1, 4);
        List<String> expected = List.of(
                "staff.csv:2 staff E2 UPDATED",
                "staff.csv:3 staff E3 DEACTIVATED",
                "staff.csv:4 staff E6 REACTIVATED",
                "staff.csv:5 staff E7N REKEYED",
                "staff.csv:6 staff E8 ERROR",
                "staff.csv:7 staff E1 ERROR",
                "staff.csv:8 staff E9 ERROR",
                "staff.csv:9 staff E10 ERROR",
                "staff.csv:10 staff E20 CREATED");
        assertEquals(expected, Imports.summary(hr.rows(dry.getString("id"))));
        assertEquals(List.of("roles has unknown code 'WIZARD'", "duplicate of row 1 (E1)", "displayName is required",
                "districtId 'OTHER-DISTRICT' is not the district of this import"), dry.getList("errors.reason"));
        // Nothing was written by the dry run.
        assertEquals(true, active("E3"));
        assertEquals(false, exists("E20"));
        assertEquals("E7", sourceIdOf("E7"));

        String id = dry.getString("id");
        hr.post(id, "apply").then().statusCode(202);
        JsonPath applied = hr.awaitSettled(id);
        assertEquals("DONE", applied.getString("state"));
        assertCounts(applied, 1, 1, 1, 1, 1, 1, 4);
        assertEquals(expected, Imports.summary(hr.rows(id)));
        assertEquals(false, active("E3"));
        assertEquals(true, active("E6"));
        assertEquals(true, exists("E20"));
        assertEquals("E7N", sourceIdOf("E7"), "the person keeps their first id; the new source id is recorded");
        assertEquals(false, exists("E7N"));

        // Events: exactly once each (the dry run published none), schema-valid, no names.
        assertEquals(1, tap.awaitData("personId", "E20", 1, Duration.ofSeconds(30)).size());
        tap.awaitData("classId", "C2", 1, Duration.ofSeconds(30));
        List<EventTap.Seen> mine = tap.matching(s -> d.equals(s.data("district")));
        mine.forEach(s -> assertEquals(List.of(), s.schemaProblems(), s.event().type()));
        assertTrue(mine.stream().noneMatch(s -> new String(s.raw(), StandardCharsets.UTF_8).contains("Wang Fang")));
        assertEquals(1, count(mine, Training.PERSON_DEACTIVATED, "personId", "E3"));
        assertEquals(2, count(mine, Training.PERSON_ACTIVATED, "personId", "E6"), "first hire and re-hire");
        assertEquals(1, count(mine, Training.PERSON_ROLES_CHANGED, "personId", "E2"));
        EventTap.Seen c2 = mine.stream().filter(s -> s.event().type().equals(Training.CLASS_TEACHER_ASSIGNED)
                && "C2".equals(s.data("classId"))).findFirst().orElseThrow();
        assertEquals("[\"E2\"]", c2.event().data().get("teacherIds").toString());
        EventTap.Seen c1 = tap.awaitData("classId", "C1", 2, Duration.ofSeconds(30)).stream()
                .filter(s -> d.equals(s.data("district"))).reduce((a, b) -> b).orElseThrow();
        assertEquals("[]", c1.event().data().get("teacherIds").toString(), "C1 lost its class teacher");

        // The same file again changes nothing.
        JsonPath again = hr.staffCsv(false, vector());
        assertCounts(again, 0, 0, 0, 0, 0, 6, 4);
    }

    @Test
    void aLeaverWithAnOpenCrisisCaseIsFlaggedInTheReport() {
        hr.staffCsv(false, baseline());
        UUID caseId = UUID.randomUUID();
        ObjectNode opened = EventSamples.data(EventTypes.Crisis.OPENED).put("caseId", caseId.toString())
                .put("subjectId", "E11");
        EventPublisher.publish(EventBuilder.from("crisis").type(EventTypes.Crisis.OPENED).subject("E11").district(d)
                .school("S1").data(opened).build());
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count("open_crisis_case", "E11") == 1);

        JsonPath r = hr.staffCsv(true, (HEADER + "E11,,Staff 11,D,S1,OTHER,,true,inactive\n")
                .replace(",D,", "," + d + ","));
        assertEquals(1, r.getInt("counts.deactivated"));
        assertEquals(1, r.getInt("counts.openCrisisCases"));
        var line = hr.rows(r.getString("id")).get(0);
        assertEquals("DEACTIVATED", line.get("action"));
        assertTrue(String.valueOf(line.get("reason")).contains("open crisis case"), line.toString());
    }

    @Test
    void jsonStaffFileIsReadLikeTheCsv() {
        String json = """
                [{"employeeNumber": "J1", "displayName": "Wu Yan", "districtId": "%s", "schoolId": "S1",
                  "roles": ["CLASS_TEACHER", "PSYCHOLOGY_TEACHER"], "classIds": ["C7"], "fullTime": false},
                 {"employeeNumber": "J2", "displayName": "He Ping", "districtId": "%s", "roles": ["OTHER"]}]
                """.formatted(d, d);
        JsonPath r = hr.run("staff-json", false, "application/json", json.getBytes(StandardCharsets.UTF_8));
        assertEquals("DONE", r.getString("state"));
        assertEquals(1, r.getInt("counts.created"));
        assertEquals(List.of("schoolId is required for school roles"), r.getList("errors.reason"));
    }

    @Test
    void aFileThatWouldDeactivateTooManyIsHeldUntilConfirmed() {
        hr.staffCsv(false, baseline());
        String leavers = HEADER + "E10,,Staff 10,D,S1,OTHER,,true,inactive\nE11,,Staff 11,D,S1,OTHER,,true,inactive\n"
                + "E12,,Staff 12,D,S1,OTHER,,true,inactive\n";
        JsonPath held = hr.staffCsv(false, leavers.replace(",D,", "," + d + ","));
        assertEquals("HELD", held.getString("state"));
        assertEquals(3, held.getInt("held.deactivations"));
        assertEquals(15, held.getInt("held.activePeople"));
        assertEquals(true, active("E10"), "nothing is written while held");
        hr.post(held.getString("id"), "apply").then().statusCode(409)
                .contentType("application/problem+json");
        hr.post(held.getString("id"), "confirm").then().statusCode(202);
        JsonPath done = hr.awaitSettled(held.getString("id"));
        assertEquals("DONE", done.getString("state"));
        assertEquals(3, done.getInt("counts.deactivated"));
        assertEquals(false, active("E10"));
    }

    @Test
    void aFileThatCannotBeReadFailsWithAReason() {
        JsonPath r = hr.staffCsv(false, "name,role\nx,y\n");
        assertEquals("FAILED", r.getString("state"));
        assertEquals("staff.csv lacks the column(s) employeeNumber, displayName, districtId", r.getString("failure"));
    }

    @Test
    void theSameUploadWithTheSameIdempotencyKeyIsOneImport() {
        byte[] body = baseline().getBytes(StandardCharsets.UTF_8);
        var first = io.restassured.RestAssured.given().auth().oauth2(hr.token()).contentType("text/csv")
                .header("Idempotency-Key", "k-1").queryParam("format", "staff-csv").body(body)
                .post("/api/v1/roster-imports");
        first.then().statusCode(202);
        io.restassured.RestAssured.given().auth().oauth2(hr.token()).contentType("text/csv")
                .header("Idempotency-Key", "k-1").queryParam("format", "staff-csv").body(body)
                .post("/api/v1/roster-imports").then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first.path("id")));
        io.restassured.RestAssured.given().auth().oauth2(hr.token()).contentType("text/csv")
                .header("Idempotency-Key", "k-1").queryParam("format", "staff-csv").body(HEADER.getBytes())
                .post("/api/v1/roster-imports").then().statusCode(422);
    }

    private static void assertCounts(JsonPath r, int created, int updated, int deactivated, int rekeyed,
            int reactivated, int... unchangedAndErrors) {
        assertEquals(created, r.getInt("counts.created"), "created");
        assertEquals(updated, r.getInt("counts.updated"), "updated");
        assertEquals(deactivated, r.getInt("counts.deactivated"), "deactivated");
        assertEquals(rekeyed, r.getInt("counts.rekeyed"), "rekeyed");
        assertEquals(reactivated, r.getInt("counts.reactivated"), "reactivated");
        assertEquals(unchangedAndErrors[unchangedAndErrors.length - 1], r.getInt("counts.errors"), "errors");
        if (unchangedAndErrors.length == 2) {
            assertEquals(unchangedAndErrors[0], r.getInt("counts.unchanged"), "unchanged");
        }
    }

    private static long count(List<EventTap.Seen> events, String type, String field, String value) {
        return events.stream().filter(s -> s.event().type().equals(type) && value.equals(s.data(field))).count();
    }

    private long count(String table, String personId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM " + table + " WHERE district = ? AND person_id = ?")) {
            ps.setString(1, d);
            ps.setString(2, personId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Boolean active(String personId) {
        return (Boolean) column(personId, "active");
    }

    private boolean exists(String personId) {
        return column(personId, "person_id") != null;
    }

    private String sourceIdOf(String personId) {
        return (String) column(personId, "source_id");
    }

    private Object column(String personId, String column) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + " FROM person WHERE district = ? AND person_id = ?")) {
            ps.setString(1, d);
            ps.setString(2, personId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
