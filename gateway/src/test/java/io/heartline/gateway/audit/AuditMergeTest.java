package io.heartline.gateway.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.heartline.gateway.support.Gateway;
import io.heartline.gateway.support.UpstreamServers;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code /api/v1/audit} and {@code /api/v1/me/access-log} through the gateway against the four test services (each
 * with its own audit rows and the platform's paging): merged newest first, paged with one cursor across services, the
 * caller's token and purpose passed on, refusals passed through, and a service that is down, slow or broken named
 * in {@code missingServices} rather than hidden.
 */
@QuarkusTest
class AuditMergeTest {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    static final List<String> ROLES = List.of("student", "staff", "teacher", "psychologist", "school-admin",
            "district-admin", "hr-sync");

    @AfterEach
    void servicesBackToNormal() {
        for (String s : UpstreamServers.SERVICES) {
            Gateway.up(s);
            control(s, "audit-mode", "ok");
            control(s, "audit", "[]");
        }
    }

    // ------------------------------------------------------------------------------------------------ merge, order

    @Test
    void everyServicesReadsMergedNewestFirstTiesByServiceThenId() {
        String subject = person();
        rows("screening", row(subject, 1, "a"), row(subject, 4, "b"));
        rows("referral", row(subject, 2, "c"));
        rows("crisis", row(subject, 3, "d"), row(subject, 3, "e"), row(person(), 5, "x"));
        rows("training", row(subject, 3, "f"));

        Response r = admin().header("X-Purpose-Of-Use", "AUDIT").header("X-Request-Id", "merge-probe-1")
                .get("/api/v1/audit?subjectId=" + subject);
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals("application/json", r.contentType());
        JsonPath page = r.jsonPath();
        assertEquals(List.of(id("b"), id("e"), id("d"), id("f"), id("c"), id("a")), page.getList("items.id"));
        assertEquals(List.of("screening", "crisis", "crisis", "training", "referral", "screening"),
                page.getList("items.service"));
        assertNull(page.getString("nextCursor"));
        assertFalse(page.getBoolean("incomplete"));
        assertEquals(List.of(), page.getList("missingServices"));
        assertEquals(List.of("AUDIT"), page.getList("items.heardPurpose").stream().distinct().toList(),
                "the purpose reaches every service");
        assertEquals(List.of("merge-probe-1"), page.getList("items.heardRequestId").stream().distinct().toList());
        assertEquals("merge-probe-1", r.header("X-Request-Id"));
    }

    @Test
    void headAnswersWithoutBody() {
        Response r = admin().head("/api/v1/audit?subjectId=" + person());
        assertEquals(200, r.statusCode());
        assertEquals("", r.asString());
    }

    // ------------------------------------------------------------------------------------------------ paging

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = { 1, 2, 3, 5, 50 })
    void pagesAcrossServicesWithoutGapsOrRepeats(int limit) {
        String subject = person();
        Random random = new Random(limit);
        List<JsonObject> all = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("screening", 7, "referral", 0, "crisis", 5,
                "training", 3));
        for (var e : counts.entrySet()) {
            List<JsonObject> mine = new ArrayList<>();
            for (int i = 0; i < e.getValue(); i++) {
                // few distinct instants, so ties within and across services are common
                JsonObject row = row(subject, random.nextInt(4), UUID.randomUUID().toString());
                mine.add(row);
                all.add(row.copy().put("service", e.getKey()));
            }
            rows(e.getKey(), mine.toArray(JsonObject[]::new));
        }
        all.sort(Comparator.comparing((JsonObject o) -> Instant.parse(o.getString("at"))).reversed()
                .thenComparing(o -> o.getString("service"))
                .thenComparing(Comparator.comparing((JsonObject o) -> o.getString("id")).reversed()));

        List<String> seen = walk(admin(), "/api/v1/audit?subjectId=" + subject, limit);
        assertEquals(all.stream().map(o -> o.getString("id")).toList(), seen);
    }

    @Test
    void aServiceMissingFromOnePageIsCaughtUpLaterNothingLost() {
        String subject = person();
        List<String> expected = new ArrayList<>();
        for (String s : UpstreamServers.SERVICES) {
            List<JsonObject> mine = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                JsonObject row = row(subject, i, UUID.randomUUID().toString());
                mine.add(row);
                expected.add(row.getString("id"));
            }
            rows(s, mine.toArray(JsonObject[]::new));
        }
        Gateway.down("crisis");
        JsonPath first = admin().get("/api/v1/audit?subjectId=" + subject + "&limit=4").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(first.getBoolean("incomplete"));
        assertEquals(List.of("crisis"), first.getList("missingServices"));
        Gateway.up("crisis");
        List<String> seen = new ArrayList<>(first.getList("items.id"));
        seen.addAll(walk(admin(), "/api/v1/audit?subjectId=" + subject + "&cursor=" + first.getString("nextCursor"),
                4));
        assertEquals(new HashSet<>(expected), new HashSet<>(seen), "every row, once");
        assertEquals(expected.size(), seen.size());
    }

    // ------------------------------------------------------------------------------------------------ access log

    @Test
    void theAccessLogIsTheCallersOwnForAnyAuthenticatedPerson() {
        String me = person();
        String someoneElse = person();
        rows("screening", row(me, 1, "a"), row(someoneElse, 2, "b"));
        rows("training", row(me, 3, "c"));
        JsonPath mine = given().auth().oauth2(TestTokens.forRole("student").sub(me).school("school-1").sign())
                .get("/api/v1/me/access-log").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(id("c"), id("a")), mine.getList("items.id"));
        for (String role : ROLES) {
            given().auth().oauth2(TestTokens.forRole(role).sign()).get("/api/v1/me/access-log").then()
                    .statusCode(200);
        }
        given().auth().oauth2(TestTokens.forRole().sign()).get("/api/v1/me/access-log").then().statusCode(200);
        given().get("/api/v1/me/access-log").then().statusCode(401).contentType("application/problem+json");
    }

    // ------------------------------------------------------------------------------------------------ roles, input

    @Test
    void onlyAdminsReadTheTrailEveryoneElseIsRefusedByTheGateway() {
        for (String role : ROLES) {
            Response r = given().auth().oauth2(TestTokens.forRole(role).school("school-1").sign())
                    .get("/api/v1/audit?subjectId=" + person());
            if (role.equals("school-admin") || role.equals("district-admin")) {
                assertEquals(200, r.statusCode(), role);
            } else {
                assertEquals(403, r.statusCode(), role);
                assertEquals("https://heartline.io/problems/forbidden", r.jsonPath().getString("type"));
            }
        }
        given().get("/api/v1/audit?subjectId=p1").then().statusCode(401);
    }

    @Test
    void aServicesRefusalIsPassedOnAsItCame() {
        Response r = admin().get("/api/v1/audit");
        assertEquals(400, r.statusCode());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("subjectId is required", r.jsonPath().getString("detail"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "limit=0", "limit=201", "limit=x", "limit=1&limit=2", "cursor=nonsense",
            "cursor=eyJ2IjoyfQ", "cursor=eyJ2IjoxLCJwIjp7Im5vYm9keSI6ImFiYyJ9fQ" })
    void badLimitOrCursorIs400AtTheGateway(String query) {
        Response r = admin().get("/api/v1/audit?subjectId=p1&" + query);
        assertEquals(400, r.statusCode(), r.asString());
        assertEquals("application/problem+json", r.contentType());
        assertEquals(query.startsWith("limit") ? "limit" : "cursor", r.jsonPath().getString("errors[0].field"));
    }

    @Test
    void pathsBelowTheTrailAreNotFound() {
        admin().get("/api/v1/audit/anything").then().statusCode(404).contentType("application/problem+json");
    }

    // ------------------------------------------------------------------------------------------------ faults

    @ParameterizedTest
    @ValueSource(strings = { "down", "slow", "error", "garbage" })
    void aServiceThatDoesNotAnswerIsNamedNotHidden(String fault) {
        String subject = person();
        for (String s : UpstreamServers.SERVICES) {
            rows(s, row(subject, 1, UUID.randomUUID().toString()));
        }
        if (fault.equals("down")) {
            Gateway.down("referral");
        } else {
            control("referral", "audit-mode", fault);
        }
        long start = System.nanoTime();
        JsonPath page = admin().get("/api/v1/audit?subjectId=" + subject).then().statusCode(200).extract()
                .jsonPath();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "answered within the gateway timeout (1 s): " + took);
        assertTrue(page.getBoolean("incomplete"));
        assertEquals(List.of("referral"), page.getList("missingServices"));
        assertEquals(List.of("crisis", "screening", "training"), page.getList("items.service").stream().sorted()
                .toList());
        assertTrue(page.getString("nextCursor") != null, "the missing service is still to be read");
    }

    @Test
    void noServiceAnsweringIs503() {
        for (String s : UpstreamServers.SERVICES) {
            Gateway.down(s);
        }
        Response r = admin().get("/api/v1/audit?subjectId=" + person());
        assertEquals(503, r.statusCode());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("5", r.header("Retry-After"));
        assertTrue(r.jsonPath().getString("detail").contains("screening, referral, crisis, training"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<String> walk(RequestSpecification as, String path, int limit) {
        List<String> seen = new ArrayList<>();
        String url = path + (path.contains("?") ? "&" : "?") + "limit=" + limit;
        for (int pages = 0; pages < 100; pages++) {
            JsonPath page = admin().get(url).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("items.id");
            assertTrue(ids.size() <= limit, "page within the limit");
            assertFalse(page.getBoolean("incomplete"));
            seen.addAll(ids);
            String next = page.getString("nextCursor");
            if (next == null) {
                return seen;
            }
            url = path.replaceAll("&cursor=[^&]*", "") + (path.contains("?") ? "&" : "?") + "limit=" + limit
                    + "&cursor=" + next;
        }
        throw new AssertionError("no end after 100 pages");
    }

    private static RequestSpecification admin() {
        return given().urlEncodingEnabled(false)
                .auth().oauth2(TestTokens.forRole("school-admin").school("school-1").sign());
    }

    private static String person() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String id(String suffix) {
        return "00000000-0000-7000-8000-0000000000" + (suffix.length() == 1 ? "0" + suffix : suffix);
    }

    private static JsonObject row(String subject, int minutes, String idOrSuffix) {
        return new JsonObject().put("id", idOrSuffix.length() > 2 ? idOrSuffix : id(idOrSuffix))
                .put("at", T0.plus(Duration.ofMinutes(minutes)).toString()).put("subjectId", subject)
                .put("recordType", "test-record").put("purpose", "CARE").put("purposeDefaulted", true);
    }

    private static void rows(String service, JsonObject... rows) {
        control(service, "audit", new JsonArray(List.of((Object[]) rows)).encode());
    }

    private static void control(String service, String what, String body) {
        given().baseUri(Gateway.controlUrl()).body(body).put("/" + service + "/" + what).then().statusCode(204);
    }
}
