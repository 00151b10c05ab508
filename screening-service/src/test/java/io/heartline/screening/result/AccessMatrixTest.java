package io.heartline.screening.result;

import static io.heartline.screening.support.Api.answers;
import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.phqA;
import static io.heartline.screening.support.Api.submitted;
import static io.heartline.screening.support.Api.token;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.heartline.screening.support.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The full role x endpoint matrix at the subject's own school, the same reads from another school (404), and the
 * audit effect of each cell: a served sensitive read adds audit rows for the record, a refused one adds none.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class AccessMatrixTest {

    /** What every cell works on: one CRITICAL result of one student at one school, and a campaign there. */
    record Fixture(String school, String otherSchool, String subject, String screeningId, String campaignId) {
    }

    private static Fixture fixture;

    @Inject
    AgroalDataSource db;

    private static synchronized Fixture fixture() {
        if (fixture == null) {
            String school = newSchool();
            String subject = newPerson("student");
            String id = submitted(token(subject, school, "student"), body("PHQ-A", phqA(1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0)));
            String campaign = as(token(newPerson("psy"), school, "psychologist"))
                    .body(Map.of("instrument", "PHQ-A", "subjectIds", List.of(subject),
                            "opensAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
                            "closesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                    .post("/api/v1/campaigns").then().statusCode(201).extract().path("id");
            fixture = new Fixture(school, newSchool(), subject, id, campaign);
        }
        return fixture;
    }

    enum Endpoint {
        LIST_INSTRUMENTS(false, (r, f) -> r.get("/api/v1/instruments")),
        GET_INSTRUMENT(false, (r, f) -> r.get("/api/v1/instruments/PHQ-9")),
        SUBMIT_SELF(false, (r, f) -> r.body(body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0))).post("/api/v1/screenings")),
        GET_RESULT(true, (r, f) -> r.get("/api/v1/screenings/" + f.screeningId())),
        WORKLIST(true, (r, f) -> r.get("/api/v1/screenings?riskLevel=CRITICAL")),
        ARCHIVE(true, (r, f) -> r.get("/api/v1/subjects/" + f.subject() + "/screenings")),
        CREATE_CAMPAIGN(false, (r, f) -> r.body(Map.of("instrument", "GAD-7", "allStaff", false,
                "subjectIds", List.of("someone"), "opensAt", Instant.now().toString(),
                "closesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString())).post("/api/v1/campaigns")),
        GET_CAMPAIGN(false, (r, f) -> r.get("/api/v1/campaigns/" + f.campaignId())),
        AUDIT(false, (r, f) -> r.get("/api/v1/audit?subjectId=" + f.subject())),
        RECORD_LICENCE(false, (r, f) -> r.body(Map.of("licensee", "District centre")).post(
                "/api/v1/instruments/SCL-90/licences"));

        final boolean sensitive;
        final BiFunction<RequestSpecification, Fixture, Response> call;

        Endpoint(boolean sensitive, BiFunction<RequestSpecification, Fixture, Response> call) {
            this.sensitive = sensitive;
            this.call = call;
        }
    }

    static final List<String> ROLES = List.of("student", "staff", "teacher", "psychologist", "school-admin",
            "district-admin", "hr-sync");

    /** Expected status per role, in the order of {@link #ROLES}. */
    static final Map<Endpoint, List<Integer>> SAME_SCHOOL = Map.of(
            Endpoint.LIST_INSTRUMENTS, List.of(200, 200, 200, 200, 200, 200, 200),
            Endpoint.GET_INSTRUMENT, List.of(200, 200, 200, 200, 200, 200, 200),
            Endpoint.SUBMIT_SELF, List.of(201, 201, 201, 201, 403, 403, 403),
            Endpoint.GET_RESULT, List.of(403, 403, 403, 200, 403, 403, 403),
            Endpoint.WORKLIST, List.of(403, 403, 403, 200, 403, 403, 403),
            Endpoint.ARCHIVE, List.of(403, 403, 403, 200, 403, 403, 403),
            Endpoint.CREATE_CAMPAIGN, List.of(403, 403, 403, 201, 201, 403, 403),
            Endpoint.GET_CAMPAIGN, List.of(403, 403, 403, 200, 200, 403, 403),
            Endpoint.AUDIT, List.of(403, 403, 403, 403, 200, 200, 403),
            Endpoint.RECORD_LICENCE, List.of(403, 403, 403, 403, 403, 201, 403));

    static Stream<Arguments> sameSchool() {
        List<Arguments> cells = new ArrayList<>();
        SAME_SCHOOL.forEach((endpoint, statuses) -> {
            for (int i = 0; i < ROLES.size(); i++) {
                cells.add(Arguments.of(endpoint, ROLES.get(i), statuses.get(i)));
            }
        });
        return cells.stream();
    }

    @ParameterizedTest(name = "{1} {0} -> {2}")
    @MethodSource("sameSchool")
    void sameSchool(Endpoint endpoint, String role, int expected) {
        Fixture f = fixture();
        // District-level roles carry no school claim, as the identity provider issues them.
        boolean districtLevel = role.equals("district-admin") || role.equals("hr-sync");
        TestTokens t = TestTokens.forRole(role).sub(newPerson(role));
        String token = districtLevel ? t.sign() : t.school(f.school()).sign();
        long before = Db.auditRows(db, f.screeningId());
        Response response = endpoint.call.apply(as(token), f);
        assertEquals(expected, response.statusCode(), () -> response.asString());
        if (expected >= 400) {
            assertEquals("application/problem+json", response.contentType().split(";")[0]);
        }
        long after = Db.auditRows(db, f.screeningId());
        if (endpoint.sensitive && expected == 200) {
            assertTrue(after > before, "a served read of the result must be audited");
        } else {
            assertEquals(before, after, "no audit row for a refused or non-sensitive call");
        }
    }

    static Stream<Endpoint> everyEndpoint() {
        return Stream.of(Endpoint.values());
    }

    @ParameterizedTest(name = "no token: {0} -> 401")
    @MethodSource("everyEndpoint")
    void withoutTokenEveryEndpointIs401(Endpoint endpoint) {
        Response response = endpoint.call.apply(given().contentType(ContentType.JSON), fixture());
        assertEquals(401, response.statusCode());
        assertEquals("Bearer", response.header("WWW-Authenticate"));
    }

    static Stream<Arguments> otherSchool() {
        return Stream.of(
                Arguments.of(Endpoint.GET_RESULT, "psychologist", 404),
                Arguments.of(Endpoint.ARCHIVE, "psychologist", 404),
                Arguments.of(Endpoint.GET_CAMPAIGN, "psychologist", 404),
                Arguments.of(Endpoint.GET_CAMPAIGN, "school-admin", 404));
    }

    @ParameterizedTest(name = "other school''s {1}: {0} -> {2}")
    @MethodSource("otherSchool")
    void otherSchoolCannotSeeIt(Endpoint endpoint, String role, int expected) {
        Fixture f = fixture();
        long before = Db.auditRows(db, f.screeningId());
        Response response = endpoint.call.apply(as(token(newPerson(role), f.otherSchool(), role)), f);
        assertEquals(expected, response.statusCode());
        assertEquals(before, Db.auditRows(db, f.screeningId()), "a refused read writes no audit row");
    }

    static Stream<Arguments> sameSchoolIdOtherDistrict() {
        return Stream.of(
                Arguments.of(Endpoint.GET_RESULT, "psychologist", 404),
                Arguments.of(Endpoint.WORKLIST, "psychologist", 200),
                Arguments.of(Endpoint.ARCHIVE, "psychologist", 404));
    }

    @ParameterizedTest(name = "same school id, other district, {1}: {0} -> {2}")
    @MethodSource("sameSchoolIdOtherDistrict")
    void theSameSchoolIdInAnotherDistrictIsAnotherSchool(Endpoint endpoint, String role, int expected) {
        Fixture f = fixture();
        long before = Db.auditRows(db, f.screeningId());
        String token = TestTokens.forRole(role).sub(newPerson(role)).school(f.school())
                .district("another-" + f.school()).sign();
        Response response = endpoint.call.apply(as(token), f);
        assertEquals(expected, response.statusCode(), () -> response.asString());
        if (endpoint == Endpoint.WORKLIST) {
            assertTrue(!response.asString().contains(f.screeningId().toString()), "nothing of the other district");
        }
        assertEquals(before, Db.auditRows(db, f.screeningId()), "nothing of the other district was read");
    }

    @org.junit.jupiter.api.Test
    void otherSchoolsWorklistAndAuditDoNotShowIt() {
        Fixture f = fixture();
        List<String> ids = as(token(newPerson("psy"), f.otherSchool(), "psychologist"))
                .get("/api/v1/screenings?riskLevel=NONE").then().statusCode(200).extract().path("items.id");
        assertTrue(!ids.contains(f.screeningId()));
        List<Object> audit = as(token(newPerson("admin"), f.otherSchool(), "school-admin"))
                .get("/api/v1/audit?subjectId=" + f.subject()).then().statusCode(200).extract().path("items");
        assertTrue(audit.isEmpty());
    }

    @org.junit.jupiter.api.Test
    void aPsychologistWithoutSchoolIsRefused() {
        Fixture f = fixture();
        String token = TestTokens.forRole("psychologist").sub(newPerson("psy")).sign();
        assertEquals(403, as(token).get("/api/v1/screenings/" + f.screeningId()).statusCode());
    }
}
