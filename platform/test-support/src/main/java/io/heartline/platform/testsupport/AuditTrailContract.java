package io.heartline.platform.testsupport;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The audit checks every service runs against its own API and database (issue 14), so that the four services are
 * held to one contract: a sensitive read records its purpose of use (stated or defaulted) and the reader's
 * organisation; audit rows refuse UPDATE, DELETE and TRUNCATE; {@code GET /api/v1/audit?subjectId=} is for school
 * admins of the record's (district, school) and district admins of its district; {@code GET /api/v1/me/access-log}
 * shows the person the reads of their records without naming who read them; both page newest first. Services run
 * it as tests through {@link AuditTrailChecks}.
 *
 * @param db         the service's database
 * @param district   the district of the record read
 * @param school     its school (the reader's school too)
 * @param subject    the person the record is about
 * @param recordType the audit record type the read writes (e.g. {@code crisis-case})
 * @param read       performs one sensitive read that is allowed, on the given request (which may carry a purpose),
 *                   with the reader's token, and returns the response
 */
public record AuditTrailContract(DataSource db, String district, String school, String subject, String recordType,
        Function<RequestSpecification, Response> read) {

    static final List<String> ROLES = List.of("student", "staff", "teacher", "psychologist", "school-admin",
            "district-admin", "hr-sync");
    static final Set<String> ACCESS_LOG_FIELDS = Set.of("id", "at", "service", "role", "organisation", "recordType",
            "purpose", "purposeDefaulted");

    public record Row(String id, String purpose, boolean defaulted, String actorSchool, String district) {
    }

    public void purposeIsRecordedWithEachRead() {
        List<Row> stated = readAndAudit(given().header("X-Purpose-Of-Use", "SAFEGUARDING"));
        stated.forEach(r -> {
            assertEquals("SAFEGUARDING", r.purpose(), "purpose from the header");
            assertFalse(r.defaulted());
            assertEquals(school, r.actorSchool(), "the reader's organisation is recorded");
            assertEquals(district, r.district());
        });
        readAndAudit(given().queryParam("purposeOfUse", "review")).forEach(r -> {
            assertEquals("REVIEW", r.purpose(), "purpose from the query parameter");
            assertFalse(r.defaulted());
        });
        readAndAudit(given()).forEach(r -> {
            assertEquals("CARE", r.purpose(), "no purpose: CARE");
            assertTrue(r.defaulted(), "… marked as defaulted");
        });
        Set<String> before = ids();
        Response bad = read.apply(given().header("X-Purpose-Of-Use", "MARKETING"));
        assertEquals(400, bad.statusCode(), bad.asString());
        assertTrue(bad.contentType().startsWith("application/problem+json"), bad.contentType());
        assertEquals("X-Purpose-Of-Use", bad.jsonPath().getString("errors[0].field"));
        Response badQuery = read.apply(given().queryParam("purposeOfUse", "RESEARCH"));
        assertEquals(400, badQuery.statusCode(), badQuery.asString());
        assertEquals(before, ids(), "a refused read writes no audit row");
    }

    public void rowsCannotBeChangedOrRemoved() {
        readAndAudit(given());
        Set<String> before = ids();
        String id = before.iterator().next();
        assertRefused("UPDATE audit_record SET purpose = 'AUDIT', actor = 'someone-else' WHERE id = ?::uuid", id);
        assertRefused("DELETE FROM audit_record WHERE id = ?::uuid", id);
        assertRefused("TRUNCATE audit_record");
        assertEquals(before, ids(), "every row is still there");
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM audit_record WHERE actor = 'someone-else'"));
    }

    public void auditIsForAdminsOfTheRecordsDistrictAndSchool() {
        readAndAudit(given().header("X-Purpose-Of-Use", "SAFEGUARDING"));
        String path = "/api/v1/audit?subjectId=" + subject;
        JsonPath admin = as(token("school-admin", school, district)).get(path).then().statusCode(200).extract()
                .jsonPath();
        assertFalse(admin.getList("items").isEmpty(), "the school's admin sees the reads");
        assertEquals(Set.of(subject), Set.copyOf(admin.getList("items.subjectId")));
        assertTrue(admin.getList("items.recordType").contains(recordType));
        assertTrue(admin.getList("items.purpose").contains("SAFEGUARDING"));
        assertEquals(false, admin.getBoolean("incomplete"));
        assertEquals(List.of(), admin.getList("missingServices"));
        Map<String, Object> first = admin.getMap("items[0]");
        for (String field : List.of("id", "at", "service", "actor", "actorRole", "actorOrganisation", "recordId",
                "purpose", "purposeDefaulted", "endpoint")) {
            assertTrue(first.get(field) != null, field + " is shown to admins: " + first);
        }
        assertEquals(district, admin.getString("items[0].actorOrganisation.district"));

        int all = ids().size();
        JsonPath districtAdmin = as(token("district-admin", null, district)).get(path).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Math.min(all, 50), districtAdmin.getList("items").size(), "the district admin sees them all");

        // The same school id in another district is another school; another district sees nothing.
        String otherDistrict = district + "-other";
        assertEquals(List.of(), as(token("school-admin", school, otherDistrict)).get(path).then().statusCode(200)
                .extract().jsonPath().getList("items"));
        assertEquals(List.of(), as(token("district-admin", null, otherDistrict)).get(path).then().statusCode(200)
                .extract().jsonPath().getList("items"));
        assertEquals(List.of(), as(token("school-admin", school + "-other", district)).get(path).then()
                .statusCode(200).extract().jsonPath().getList("items"));

        for (String role : ROLES) {
            if (!role.equals("school-admin") && !role.equals("district-admin")) {
                Response r = as(token(role, school, district)).get(path);
                assertEquals(403, r.statusCode(), role + " may not read the audit trail");
                assertTrue(r.contentType().startsWith("application/problem+json"));
            }
        }
        given().get(path).then().statusCode(401);
        // Authentication first: a bad purpose without a token is still a 401, with a token a 400 on any endpoint.
        given().header("X-Purpose-Of-Use", "MARKETING").get(path).then().statusCode(401);
        as(token("school-admin", school, district)).header("X-Purpose-Of-Use", "MARKETING").get(path).then()
                .statusCode(400).contentType("application/problem+json");
        as(token("school-admin", school, district)).get("/api/v1/audit").then().statusCode(400);
        as(token("school-admin", school, district)).get("/api/v1/audit?subjectId=a%20b").then().statusCode(400);
        as(token("school-admin", school, district)).get(path + "&limit=0").then().statusCode(400);
        as(token("school-admin", school, district)).get(path + "&cursor=nonsense").then().statusCode(400);
    }

    public void accessLogShowsWhatWasReadAndWhyButNotWho() {
        readAndAudit(given().header("X-Purpose-Of-Use", "REVIEW"));
        String mine = TestTokens.forRole("student").sub(subject).school(school).district(district).sign();
        Response r = as(mine).get("/api/v1/me/access-log");
        assertEquals(200, r.statusCode(), r.asString());
        JsonPath log = r.jsonPath();
        List<Map<String, Object>> items = log.getList("items");
        assertFalse(items.isEmpty(), "the person sees that their records were read");
        for (Map<String, Object> item : items) {
            assertEquals(ACCESS_LOG_FIELDS, item.keySet(), "only what the access log may show: " + item);
        }
        assertTrue(log.getList("items.recordType").contains(recordType));
        assertTrue(log.getList("items.purpose").contains("REVIEW"));
        assertEquals(school, log.getString("items[0].organisation.school"));
        assertEquals(district, log.getString("items[0].organisation.district"));
        assertEquals("SCHOOL", log.getString("items[0].organisation.type"));
        String body = r.asString();
        for (String actor : actors()) {
            assertFalse(body.contains(actor), "the reader's id is not shown to the person");
        }

        // Any authenticated person may ask, and sees only their own.
        for (String role : ROLES) {
            JsonPath other = as(token(role, school, district)).get("/api/v1/me/access-log").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(List.of(), other.getList("items"), role + " sees nothing of someone else's reads");
        }
        assertEquals(List.of(), as(TestTokens.forRole("student").sub(subject).school(school)
                .district(district + "-other").sign()).get("/api/v1/me/access-log").then().statusCode(200)
                .extract().jsonPath().getList("items"), "the same id in another district is another person");
        given().get("/api/v1/me/access-log").then().statusCode(401);
    }

    public void bothViewsPageNewestFirst() {
        while (ids().size() < 3) {
            readAndAudit(given());
        }
        List<String> expected = orderedIds();
        String admin = token("school-admin", school, district);
        assertEquals(expected, walk(admin, "/api/v1/audit?subjectId=" + subject + "&limit=2"));
        String mine = TestTokens.forRole("student").sub(subject).school(school).district(district).sign();
        assertEquals(expected, walk(mine, "/api/v1/me/access-log?limit=2"));
    }

    // -------------------------------------------------------------------------------------------------------------

    private List<String> walk(String token, String path) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = as(token).get(path + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200)
                    .extract().jsonPath();
            List<String> ids = page.getList("items.id");
            assertTrue(ids.size() <= 2);
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            assertTrue(++pages < 1000);
        } while (cursor != null);
        return seen;
    }

    /** Performs the read and returns the audit rows it wrote (at least one). */
    private List<Row> readAndAudit(RequestSpecification request) {
        Set<String> before = ids();
        Response r = read.apply(request);
        assertEquals(200, r.statusCode(), r.asString());
        List<Row> added = rows().values().stream().filter(row -> !before.contains(row.id())).toList();
        assertFalse(added.isEmpty(), "the sensitive read wrote audit rows");
        return added;
    }

    private void assertRefused(String sql, Object... args) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Sql.update(db, sql, args), sql);
        assertTrue(e.getCause() instanceof SQLException, sql);
        assertTrue(e.getCause().getMessage().contains("append-only"), e.getCause().getMessage());
    }

    private Set<String> ids() {
        return new HashSet<>(rows().keySet());
    }

    private List<String> orderedIds() {
        return new ArrayList<>(rows().keySet());
    }

    private Map<String, Row> rows() {
        Map<String, Row> rows = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, purpose, purpose_defaulted, actor_school, district FROM audit_record
                WHERE district = ? AND subject_id = ? ORDER BY at DESC, id DESC""")) {
            ps.setString(1, district);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            rs.getString(4), rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private List<String> actors() {
        List<String> actors = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT actor FROM audit_record WHERE district = ? AND subject_id = ?")) {
            ps.setString(1, district);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actors.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return actors;
    }

    private static String token(String role, String school, String district) {
        TestTokens t = TestTokens.forRole(role).sub(role + "-" + UUID.randomUUID().toString().substring(0, 8))
                .district(district);
        return (school == null ? t : t.school(school)).sign();
    }

    private static RequestSpecification as(String token) {
        return given().urlEncodingEnabled(false).auth().oauth2(token).accept("application/json");
    }
}
