package io.heartline.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.heartline.gateway.support.Gateway;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The role × route × method matrix, written here independently of policy.json from the API sketch: each allowed
 * combination reaches the right service (2xx from the test upstream, with the path and query intact), every other
 * one is refused by the gateway with 403; unrouted paths are 404 and unsafe paths 400, token or not.
 */
@QuarkusTest
class RolePolicyTest {

    static final List<String> ROLES = List.of("student", "staff", "teacher", "psychologist", "school-admin",
            "district-admin", "hr-sync");
    static final Set<String> ALL = Set.copyOf(ROLES);
    static final Set<String> NONE = Set.of();
    static final Set<String> SCHOOL_STAFF = Set.of("staff", "teacher", "psychologist", "school-admin", "district-admin");
    static final Set<String> REFERRAL_READERS = Set.of("teacher", "psychologist", "school-admin", "district-admin");
    static final Set<String> ADMINS = Set.of("school-admin", "district-admin");
    /** Callers reading their own results (GET /api/v1/me/screenings). */
    static final Set<String> OWN = Set.of("staff", "teacher", "student");

    record Case(String method, String path, String service, Set<String> allowed) {
    }

    static final List<Case> CASES = List.of(
            new Case("GET", "/api/v1/instruments", "screening", ALL),
            new Case("GET", "/api/v1/instruments/PHQ-9", "screening", ALL),
            new Case("HEAD", "/api/v1/instruments/PHQ-9", "screening", ALL),
            new Case("POST", "/api/v1/instruments", "screening", NONE),
            new Case("POST", "/api/v1/instruments/SCL-90/licences", "screening", Set.of("district-admin")),
            new Case("GET", "/api/v1/instruments/SCL-90/licences", "screening", ALL),
            new Case("POST", "/api/v1/screenings", "screening", Set.of("student", "staff", "teacher", "psychologist")),
            new Case("GET", "/api/v1/screenings/0190a1b2-0000-7000-8000-000000000001", "screening", Set.of("psychologist")),
            new Case("GET", "/api/v1/screenings?riskLevel=HIGH&since=2026-01-01T00:00:00Z", "screening", Set.of("psychologist")),
            new Case("POST", "/api/v1/screenings/s1/score", "screening", NONE),
            new Case("DELETE", "/api/v1/screenings/s1", "screening", NONE),
            new Case("GET", "/api/v1/subjects/p1/screenings", "screening", Set.of("psychologist")),
            new Case("GET", "/api/v1/me/screenings", "screening", OWN),
            new Case("GET", "/api/v1/me/screenings?instrument=STAFF-MONTHLY&lang=en", "screening", OWN),
            new Case("HEAD", "/api/v1/me/screenings", "screening", OWN),
            new Case("GET", "/api/v1/me/screenings/anything", "screening", OWN),
            new Case("POST", "/api/v1/me/screenings", "screening", NONE),
            new Case("POST", "/api/v1/campaigns", "screening", Set.of("psychologist", "school-admin")),
            new Case("GET", "/api/v1/campaigns/c1", "screening", Set.of("psychologist", "school-admin")),
            new Case("POST", "/api/v1/screenings/s1/review", "screening", Set.of("psychologist")),
            new Case("POST", "/api/v1/consents", "screening", Set.of("psychologist", "school-admin")),
            new Case("GET", "/api/v1/consents?subjectId=p1", "screening", Set.of("psychologist", "school-admin")),
            new Case("POST", "/api/v1/consents/k1/withdraw", "screening", Set.of("psychologist", "school-admin")),
            new Case("DELETE", "/api/v1/consents/k1", "screening", NONE),
            new Case("POST", "/api/v1/referrals", "referral", Set.of("teacher", "psychologist", "school-admin", "student")),
            new Case("GET", "/api/v1/referrals?status=PENDING", "referral", REFERRAL_READERS),
            new Case("GET", "/api/v1/referrals/r1", "referral", REFERRAL_READERS),
            new Case("POST", "/api/v1/referrals/r1/accept", "referral", REFERRAL_READERS),
            new Case("POST", "/api/v1/referrals/r1/escalate", "referral", REFERRAL_READERS),
            new Case("DELETE", "/api/v1/referrals/r1", "referral", NONE),
            new Case("GET", "/api/v1/routing-rules", "referral", ADMINS),
            new Case("PUT", "/api/v1/routing-rules", "referral", ADMINS),
            new Case("POST", "/api/v1/crisis-reports", "crisis", Set.of("student", "staff", "teacher", "psychologist",
                    "school-admin", "district-admin")),
            new Case("POST", "/api/v1/crisis-reports/R7KD-2M9Q-XW4P/additions", "crisis", Set.of("student", "staff",
                    "teacher", "psychologist", "school-admin")),
            new Case("GET", "/api/v1/alerts?mine=true&status=OPEN", "crisis", SCHOOL_STAFF),
            new Case("GET", "/api/v1/alerts/stream", "crisis", SCHOOL_STAFF),
            new Case("POST", "/api/v1/alerts/a1/acknowledge", "crisis", SCHOOL_STAFF),
            new Case("POST", "/api/v1/alerts/a1/resolve", "crisis", SCHOOL_STAFF),
            new Case("DELETE", "/api/v1/alerts/a1", "crisis", NONE),
            new Case("GET", "/api/v1/on-call/now?schoolId=s1", "crisis", SCHOOL_STAFF),
            new Case("GET", "/api/v1/on-call/schedules/s1", "crisis", ADMINS),
            new Case("PUT", "/api/v1/on-call/schedules/s1", "crisis", ADMINS),
            new Case("PUT", "/api/v1/on-call/policies/s1", "crisis", ADMINS),
            new Case("POST", "/api/v1/on-call/policies/s1", "crisis", NONE),
            new Case("POST", "/api/v1/webhook-subscriptions", "crisis", Set.of("district-admin")),
            new Case("GET", "/api/v1/webhook-subscriptions", "crisis", Set.of("district-admin")),
            new Case("DELETE", "/api/v1/webhook-subscriptions/w1", "crisis", Set.of("district-admin")),
            new Case("GET", "/api/v1/crisis-cases/k1", "crisis", SCHOOL_STAFF),
            new Case("POST", "/api/v1/crisis-cases/k1/watch-log", "crisis", SCHOOL_STAFF),
            new Case("DELETE", "/api/v1/crisis-cases/k1", "crisis", NONE),
            new Case("GET", "/api/v1/staff?schoolId=s1&role=CLASS_TEACHER", "training", SCHOOL_STAFF),
            new Case("GET", "/api/v1/staff/e1", "training", SCHOOL_STAFF),
            new Case("POST", "/api/v1/staff", "training", NONE),
            new Case("DELETE", "/api/v1/staff/e1", "training", NONE),
            new Case("GET", "/api/v1/students/st1", "training", Set.of("student", "teacher", "psychologist")),
            new Case("GET", "/api/v1/students/st1/guardians", "training", Set.of("student", "teacher",
                    "psychologist")),
            new Case("POST", "/api/v1/students", "training", NONE),
            new Case("GET", "/api/v1/schools/s1", "training", SCHOOL_STAFF),
            new Case("GET", "/api/v1/schools/s1/classes?limit=10", "training", SCHOOL_STAFF),
            new Case("GET", "/api/v1/classes/c1", "training", SCHOOL_STAFF),
            new Case("PUT", "/api/v1/classes/c1", "training", NONE),
            new Case("PUT", "/api/v1/classes/c1/psychology-representatives", "training",
                    Set.of("teacher", "psychologist", "school-admin")),
            new Case("GET", "/scim/v2/Users?filter=userName%20eq%20%22e1%22", "training", Set.of("hr-sync")),
            new Case("POST", "/scim/v2/Users", "training", Set.of("hr-sync")),
            new Case("PUT", "/scim/v2/Users/e1", "training", Set.of("hr-sync")),
            new Case("PATCH", "/scim/v2/Users/e1", "training", Set.of("hr-sync")),
            new Case("DELETE", "/scim/v2/Users/e1", "training", Set.of("hr-sync")),
            new Case("GET", "/api/v1/programmes", "training", SCHOOL_STAFF),
            new Case("POST", "/api/v1/programmes", "training", ADMINS),
            new Case("GET", "/api/v1/programmes/p1/results", "training", SCHOOL_STAFF),
            new Case("POST", "/api/v1/programmes/p1/enrolments", "training", ADMINS),
            new Case("POST", "/api/v1/programmes/p1/courses", "training", ADMINS),
            new Case("POST", "/api/v1/programmes/p1/scores", "training", SCHOOL_STAFF),
            new Case("POST", "/api/v1/programmes/p1/requirements", "training", SCHOOL_STAFF),
            new Case("POST", "/api/v1/programmes/p1/attendance", "training", SCHOOL_STAFF),
            new Case("POST", "/api/v1/programmes/p1/close", "training", ADMINS),
            new Case("DELETE", "/api/v1/programmes/p1", "training", NONE),
            new Case("GET", "/api/v1/training-records?personId=e1&year=2026", "training", SCHOOL_STAFF),
            new Case("POST", "/api/v1/training-records/credits", "training", ADMINS),
            new Case("POST", "/api/v1/training-records", "training", NONE),
            new Case("GET", "/api/v1/certificates?personId=e1", "training", SCHOOL_STAFF),
            new Case("GET", "/api/v1/certificates/x1/open-badge", "training", SCHOOL_STAFF),
            new Case("POST", "/api/v1/certificates", "training", Set.of("district-admin")),
            new Case("POST", "/api/v1/certificates/x1/revoke", "training", ADMINS),
            new Case("PUT", "/api/v1/certificates/x1/revoke", "training", NONE),
            new Case("POST", "/api/v1/xapi/statements", "training", Set.of("hr-sync")),
            new Case("GET", "/api/v1/xapi/statements", "training", NONE),
            new Case("GET", "/api/v1/compliance?level=school&year=2026&format=csv", "training", ADMINS),
            new Case("PUT", "/api/v1/compliance/hours-requirements/CLASS_TEACHER", "training",
                    Set.of("district-admin")),
            new Case("GET", "/api/v1/compliance/county-events-requirement", "training", ADMINS),
            new Case("PUT", "/api/v1/compliance/county-events-requirement", "training", Set.of("district-admin")),
            new Case("POST", "/api/v1/roster-imports?format=staff-csv&dryRun=true", "training", Set.of("hr-sync")),
            new Case("GET", "/api/v1/roster-imports/i1", "training", Set.of("hr-sync")),
            new Case("POST", "/api/v1/roster-imports/i1/confirm", "training", Set.of("hr-sync")));

    static Stream<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (Case c : CASES) {
            for (String role : ROLES) {
                args.add(Arguments.of(c.method() + " " + c.path(), role, c));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("matrix")
    void roleRouteMethodMatrix(String name, String role, Case c) {
        Response r = given().urlEncodingEnabled(false).header("Authorization", Gateway.bearer(TestTokens.forRole(role).school("school-1").sign()))
                .contentType("application/json").body(c.method().equals("GET") || c.method().equals("HEAD") ? "" : "{}")
                .request(c.method(), c.path());
        if (c.allowed().contains(role)) {
            int expected = c.method().equals("POST") ? 201 : 200;
            assertEquals(expected, r.statusCode(), role + " " + name + " should pass: " + r.asString());
            if (!c.method().equals("HEAD")) {
                assertEquals(c.service(), r.jsonPath().getString("service"), "routed to the right service");
                assertEquals(c.method(), r.jsonPath().getString("method"));
                assertEquals(c.path(), r.jsonPath().getString("uri"), "path and query passed on unchanged");
            }
        } else {
            assertEquals(403, r.statusCode(), role + " " + name + " should be refused");
            if (!c.method().equals("HEAD")) {
                assertEquals("application/problem+json", r.contentType());
                assertEquals("https://heartline.io/problems/forbidden", r.jsonPath().getString("type"));
                assertEquals(403, r.jsonPath().getInt("status"));
            }
        }
    }

    @Test
    void certificateVerificationIsPublicAndPassesNoCredentials() {
        given().get("/api/v1/certificates/verify/HL-AAAA-BBBB-CCCC-DDDD").then().statusCode(200)
                .body("service", equalTo("training")).body("uri", equalTo("/api/v1/certificates/verify/HL-AAAA-BBBB-CCCC-DDDD"))
                .body("headers.authorization", org.hamcrest.Matchers.nullValue());
        given().header("Authorization", Gateway.bearer(TestTokens.forRole("staff").sign()))
                .get("/api/v1/certificates/verify/HL-AAAA-BBBB-CCCC-DDDD").then().statusCode(200)
                .body("headers.authorization", org.hamcrest.Matchers.nullValue());
        // Only that path: the rest of the certificates still need a token.
        given().get("/api/v1/certificates/verify").then().statusCode(401);
        given().get("/api/v1/certificates/c1").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/api/v1/certificates/verify/x").then().statusCode(401);
    }

    @Test
    void aTokenWithoutRolesOnlyPassesWhereAnyAuthenticatedCallerMay() {
        given().header("Authorization", Gateway.bearer(TestTokens.forRole().sign()))
                .get("/api/v1/instruments").then().statusCode(200);
        given().header("Authorization", Gateway.bearer(TestTokens.forRole("janitor").sign()))
                .contentType("application/json").body("{}")
                .post("/api/v1/screenings").then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/unknown", "/api/v2/instruments", "/nothing", "/api/v1/instrumentsX",
            "/api/v1/crisis-", "/api", "/", "/api/v1/me/screeningsX", "/api/v1/me", "/api/v1/courses" })
    void unroutedPathsAre404ProblemsWithOrWithoutToken(String path) {
        given().get(path).then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("type", equalTo("https://heartline.io/problems/not-found"))
                .body("instance", equalTo(path));
        given().header("Authorization", Gateway.bearer(TestTokens.forRole("district-admin").sign()))
                .post(path).then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/v1/instruments/../screenings/s1", "/api/v1/instruments/%2e%2e/screenings/s1",
            "/api/v1/instruments%2F..%2Fscreenings", "/api/v1/instruments/./x", "/api/v1/instruments//x",
            "/api/v1/instruments;jsessionid=1", "/api/v1/instruments/%5c..", "/x/../api/v1/screenings/s1" })
    void unsafePathsAreRefusedBeforeRouting(String path) {
        String token = TestTokens.forRole("student").sign();
        Gateway.RawResponse r = Gateway.raw("GET " + path + " HTTP/1.1\nAuthorization: Bearer " + token
                + "\nConnection: close", null);
        assertEquals(400, r.status(), path + " → " + r.body());
        assertEquals("application/problem+json", r.header("content-type"));
    }
}
