package io.heartline.crisis.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.heartline.crisis.Db;
import io.heartline.crisis.support.Who;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** POST/GET/DELETE /api/v1/webhook-subscriptions: validation, the secret's one appearance, paging, roles, scope. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class WebhookSubscriptionApiTest {

    static final String PATH = "/api/v1/webhook-subscriptions";
    static final String GIVEN_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Inject
    Db db;

    @Inject
    SecretBox secrets;

    private static JsonPath create(Who who, Map<String, ?> body) {
        return who.req().body(body).post(PATH).then().statusCode(201).contentType(ContentType.JSON)
                .header("Location", containsString(PATH + "/")).extract().jsonPath();
    }

    @Test
    void aGeneratedSecretIsReturnedOnceAndNeverAgain() {
        Who admin = Who.districtLevel("district-admin", Who.unique("district"));
        JsonPath created = create(admin, Map.of("url", "https://hooks.district.example/heartline", "kinds",
                List.of("CRITICAL_SCREENING", "EMERGENCY_REFERRAL", "CRITICAL_SCREENING")));
        String id = created.getString("id");
        String secret = created.getString("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, WebhookSigning.parseSecret(secret).length);
        assertEquals(List.of("CRITICAL_SCREENING", "EMERGENCY_REFERRAL"), created.getList("kinds"));
        assertEquals("ACTIVE", created.getString("status"));

        String one = admin.req().get(PATH + "/" + id).then().statusCode(200)
                .body("url", equalTo("https://hooks.district.example/heartline")).body("status", equalTo("ACTIVE"))
                .body("recentFailures", hasSize(0)).body("consecutiveFailures", equalTo(0))
                .body("createdBy", equalTo(admin.sub())).extract().asString();
        String list = admin.req().get(PATH).then().statusCode(200).body("items.id", hasItem(id)).extract()
                .asString();
        for (String answer : List.of(one, list)) {
            assertFalse(answer.contains("secret"), answer);
            assertFalse(answer.contains(secret.substring(6)), answer);
        }
        // At rest: encrypted under the service key, bound to the row; the key bytes are not in the row.
        byte[] sealed = db.one("SELECT secret_enc FROM webhook_subscription WHERE id = ?", rs -> rs.getBytes(1),
                UUID.fromString(id)).orElseThrow();
        byte[] key = WebhookSigning.parseSecret(secret);
        assertFalse(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(new String(key, java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertArrayEquals(key, secrets.open(UUID.fromString(id), sealed));
    }

    @Test
    void aGivenSecretIsKeptAndNotEchoed() {
        Who admin = Who.districtLevel("district-admin", Who.unique("district"));
        JsonPath created = create(admin, Map.of("url", "http://127.0.0.1:9/hook", "secret", GIVEN_SECRET));
        assertNull(created.get("secret"));
        assertEquals(List.of(), created.getList("kinds")); // empty = every kind
        byte[] sealed = db.one("SELECT secret_enc FROM webhook_subscription WHERE id = ?", rs -> rs.getBytes(1),
                UUID.fromString(created.getString("id"))).orElseThrow();
        assertArrayEquals(WebhookSigning.parseSecret(GIVEN_SECRET),
                secrets.open(UUID.fromString(created.getString("id")), sealed));
    }

    @Test
    void invalidSubscriptionsAre400ProblemsNamingTheField() {
        Who admin = Who.districtLevel("district-admin", Who.unique("district"));
        admin.req().body(Map.of("url", "http://hooks.district.example/x", "secret", "not-a-secret", "kinds",
                List.of("CRITICAL_SCREENING", "SOMETHING"))).post(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("errors.field", equalTo(List.of("url", "secret", "kinds[1]")))
                .body("errors[0].message", containsString("https://"))
                .body("errors[1].message", containsString("whsec_"));
        admin.req().body(Map.of("kinds", List.of())).post(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("url"));
        admin.req().body(Map.of("url", "https://a.example/", "colour", "red")).post(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("colour"));
        admin.req().body("{\"url\": ").post(PATH).then().statusCode(400).contentType("application/problem+json");
        admin.req().body(Map.of("url", 42)).post(PATH).then().statusCode(400)
                .contentType("application/problem+json");
        admin.req().body(Map.of("url", "https://user:pw@a.example/")).post(PATH).then().statusCode(400)
                .body("errors[0].message", containsString("credentials"));
        admin.req().contentType(ContentType.TEXT).body("url=x").post(PATH).then().statusCode(415);
        admin.req().get(PATH + "?limit=0").then().statusCode(400).contentType("application/problem+json");
        admin.req().get(PATH + "?cursor=nonsense").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, db.count("SELECT count(*) FROM webhook_subscription WHERE district = ?", admin.district()));
    }

    @Test
    void listsAreTheDistrictsOwnNewestFirstInKeysetPages() {
        String district = Who.unique("district");
        Who admin = Who.districtLevel("district-admin", district);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(admin, Map.of("url", "https://hooks.district.example/" + i)).getString("id"));
        }
        create(Who.districtLevel("district-admin", Who.unique("district")), Map.of("url", "https://other.example/"));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = admin.req().queryParam("limit", 2);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            JsonPath page = req.get(PATH).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(ids.reversed(), seen);
    }

    @Test
    void onlyDistrictAdminsMayUseIt() {
        String district = Who.unique("district");
        String school = Who.unique("school");
        String id = create(Who.districtLevel("district-admin", district), Map.of("url", "https://a.example/"))
                .getString("id");
        Map<String, String> body = Map.of("url", "https://b.example/");
        for (String role : List.of("student", "staff", "teacher", "psychologist", "school-admin", "hr-sync")) {
            Who who = Who.of(role, role.equals("hr-sync") ? null : school, district);
            who.req().body(body).post(PATH).then().statusCode(403).contentType("application/problem+json");
            who.req().get(PATH).then().statusCode(403).contentType("application/problem+json");
            who.req().get(PATH + "/" + id).then().statusCode(403);
            who.req().delete(PATH + "/" + id).then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(401)
                .contentType("application/problem+json");
        given().get(PATH + "/" + id).then().statusCode(401);
        // a district-admin without a district claim cannot own one
        Who.districtLevel("district-admin", null).req().body(body).post(PATH).then().statusCode(403);
        assertEquals(1, db.count("SELECT count(*) FROM webhook_subscription WHERE district = ?", district));
    }

    @Test
    void anotherDistrictsSubscriptionIsNotFound() {
        String district = Who.unique("district");
        Who owner = Who.districtLevel("district-admin", district);
        String id = create(owner, Map.of("url", "https://a.example/")).getString("id");
        Who other = Who.districtLevel("district-admin", Who.unique("district"));
        other.req().get(PATH + "/" + id).then().statusCode(404).contentType("application/problem+json");
        other.req().delete(PATH + "/" + id).then().statusCode(404).contentType("application/problem+json");
        other.req().get(PATH).then().statusCode(200).body("items.id", not(hasItem(id)));
        owner.req().get(PATH + "/not-a-uuid").then().statusCode(404);
        owner.req().get(PATH + "/" + UUID.randomUUID()).then().statusCode(404);
        owner.req().get(PATH + "/" + id).then().statusCode(200);
    }

    @Test
    void deleteRemovesItOnce() {
        Who admin = Who.districtLevel("district-admin", Who.unique("district"));
        String id = create(admin, Map.of("url", "https://a.example/")).getString("id");
        admin.req().delete(PATH + "/" + id).then().statusCode(204);
        admin.req().get(PATH + "/" + id).then().statusCode(404);
        admin.req().delete(PATH + "/" + id).then().statusCode(404);
        admin.req().get(PATH).then().statusCode(200).body("items", hasSize(0)).body("nextCursor", nullValue());
    }

    @Test
    void aDistrictHoldsAtMostTheConfiguredNumber() {
        Who admin = Who.districtLevel("district-admin", Who.unique("district"));
        for (int i = 0; i < 20; i++) {
            create(admin, Map.of("url", "https://a.example/" + i));
        }
        admin.req().body(Map.of("url", "https://a.example/21")).post(PATH).then().statusCode(409)
                .contentType("application/problem+json").body("reason", equalTo("TOO_MANY_SUBSCRIPTIONS"));
        Set<String> urls = new HashSet<>(admin.req().get(PATH + "?limit=200").then().statusCode(200).extract()
                .jsonPath().getList("items.url"));
        assertEquals(20, urls.size());
        assertNotNull(urls);
        admin.req().get(PATH + "?limit=200").then().body("items[0].url", startsWith("https://a.example/"));
    }
}
