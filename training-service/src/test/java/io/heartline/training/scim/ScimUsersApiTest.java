package io.heartline.training.scim;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The SCIM /Users endpoint on the wire: security, scope, error bodies, IdP-style PATCH, re-keys and events. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class ScimUsersApiTest {

    private static final String SCIM = "application/scim+json";
    private static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final String district = "district-" + UUID.randomUUID();

    private RequestSpecification as(String role, String district) {
        return given().auth().oauth2(TestTokens.forRole(role).district(district).sign()).contentType(SCIM);
    }

    private RequestSpecification hr() {
        return as("hr-sync", district);
    }

    private static String user(String number, String userName) {
        return """
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                             "urn:heartline:params:scim:schemas:extension:school:2.0:User",
                             "urn:example:unknown:extension"],
                 "externalId": "%s", "userName": "%s", "name": {"givenName": "Mei", "familyName": "Chen"},
                 "emails": [{"value": "home@example.org", "type": "home"},
                            {"value": "mei@school.example", "type": "work", "primary": true}],
                 "phoneNumbers": [{"value": "+86 10 1234", "type": "work"}],
                 "active": true, "nickName": "not kept",
                 "urn:heartline:params:scim:schemas:extension:school:2.0:User": {
                   "schoolId": "school-1",
                   "roles": [{"role": "PSYCHOLOGY_TEACHER", "fullTime": true},
                             {"role": "CLASS_TEACHER", "classIds": ["class-7a"], "fullTime": false}]}}
                """.formatted(number, userName);
    }

    private String create(String number) {
        return hr().body(user(number, "mei." + number)).post("/scim/v2/Users").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void createAnswers201WithLocationEtagAndTheMapping() {
        String number = "E-" + UUID.randomUUID();
        Response r = hr().body(user(number, "mei." + number)).post("/scim/v2/Users");
        r.then().statusCode(201).contentType(startsWith(SCIM))
                .header("Location", equalTo(r.path("meta.location")))
                .header("ETag", equalTo("W/\"1\""))
                .body("id", equalTo(number))
                .body("meta.version", equalTo("W/\"1\""))
                .body("meta.resourceType", equalTo("User"))
                .body("emails[0].value", equalTo("mei@school.example"))
                .body("phoneNumbers[0].value", equalTo("+86 10 1234"))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.employeeNumber", equalTo(number))
                .body("'urn:heartline:params:scim:schemas:extension:school:2.0:User'.roles.role",
                        equalTo(List.of("CLASS_TEACHER", "PSYCHOLOGY_TEACHER")));
        given().auth().oauth2(TestTokens.forRole("hr-sync").district(district).sign()).accept("application/json")
                .get("/scim/v2/Users/" + number).then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void withoutTokenIs401AndOtherRolesOrNoDistrict403AsScimErrors() {
        given().contentType(SCIM).get("/scim/v2/Users").then().statusCode(401)
                .body("schemas", hasItem(ERROR)).body("status", equalTo("401"));
        as("district-admin", district).get("/scim/v2/Users").then().statusCode(403)
                .contentType(startsWith(SCIM)).body("status", equalTo("403"));
        as("hr-sync", null).get("/scim/v2/Users").then().statusCode(403).body("status", equalTo("403"));
    }

    @Test
    void someoneOfAnotherDistrictIsNotFound() {
        String id = create("E-" + UUID.randomUUID());
        RequestSpecification other = as("hr-sync", "district-" + UUID.randomUUID());
        other.get("/scim/v2/Users/" + id).then().statusCode(404).body("schemas", hasItem(ERROR))
                .body("status", equalTo("404"));
        as("hr-sync", "district-" + UUID.randomUUID()).delete("/scim/v2/Users/" + id).then().statusCode(404);
        as("hr-sync", "district-" + UUID.randomUUID())
                .get("/scim/v2/Users?filter=externalId eq \"" + id + "\"").then().body("totalResults", equalTo(0));
        hr().get("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void refusalsCarryScimTypes() {
        String number = "E-" + UUID.randomUUID();
        create(number);
        hr().body(user("X-" + UUID.randomUUID(), "MEI." + number)).post("/scim/v2/Users").then().statusCode(409)
                .body("scimType", equalTo("uniqueness")).body("status", equalTo("409"));
        hr().body(user(number, "other." + number)).post("/scim/v2/Users").then().statusCode(409)
                .body("scimType", equalTo("uniqueness"));
        hr().body("{\"userName\": \"nobody\"}").post("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidValue"));
        hr().body("{not json").post("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidSyntax"));
        hr().body(user(number, "x").replace("PSYCHOLOGY_TEACHER", "WIZARD")).post("/scim/v2/Users").then()
                .statusCode(400).body("scimType", equalTo("invalidValue"));
        hr().get("/scim/v2/Users?filter=userName co \"mei\"").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"));
        hr().get("/scim/v2/Users?filter=userName eq").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"));
        hr().body("{\"Operations\": [{\"op\": \"replace\", \"path\": \"id\", \"value\": \"x\"}]}")
                .patch("/scim/v2/Users/" + number).then().statusCode(400).body("scimType", equalTo("mutability"));
        hr().header("If-Match", "W/\"99\"").body(user(number, "mei." + number))
                .put("/scim/v2/Users/" + number).then().statusCode(412).body("status", equalTo("412"));
        hr().get("/scim/v2/Users/nobody-" + UUID.randomUUID()).then().statusCode(404)
                .body("status", equalTo("404"));
        hr().contentType("text/plain").body("x").post("/scim/v2/Users").then().statusCode(415)
                .body("schemas", hasItem(ERROR));
    }

    @Test
    void filterAndPaging() {
        String a = create("P-" + UUID.randomUUID());
        create("P-" + UUID.randomUUID());
        create("P-" + UUID.randomUUID());
        hr().get("/scim/v2/Users?startIndex=2&count=1").then().statusCode(200)
                .body("schemas", hasItem("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(3)).body("startIndex", equalTo(2))
                .body("itemsPerPage", equalTo(1)).body("Resources.size()", equalTo(1));
        hr().get("/scim/v2/Users?count=0").then().body("totalResults", equalTo(3))
                .body("Resources.size()", equalTo(0));
        hr().queryParam("filter", "userName eq \"mei." + a + "\"").get("/scim/v2/Users").then()
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(a));
        hr().queryParam("filter", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \""
                + a + "\"").get("/scim/v2/Users").then().body("Resources[0].id", equalTo(a));
    }

    @Test
    void entraStylePatchesApply() {
        String id = create("E-" + UUID.randomUUID());
        hr().body("""
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [
                  {"op": "Replace", "path": "displayName", "value": "Chen Mei"},
                  {"op": "replace", "value": {"name.familyName": "Zhang", "nickName": "x",
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Guidance"}},
                  {"op": "Add", "path": "emails[type eq \\"work\\"].value", "value": "mei.zhang@school.example"},
                  {"op": "remove", "path": "phoneNumbers"}]}""")
                .patch("/scim/v2/Users/" + id).then().log().ifValidationFails().statusCode(200)
                .header("ETag", equalTo("W/\"2\""))
                .body("displayName", equalTo("Chen Mei"))
                .body("name.familyName", equalTo("Zhang"))
                .body("name.givenName", equalTo("Mei"))
                .body("emails[0].value", equalTo("mei.zhang@school.example"))
                .body("phoneNumbers", equalTo(null))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.department",
                        equalTo("Guidance"));
        hr().body("{\"Operations\": [{\"op\": \"Replace\", \"path\": \"active\", \"value\": \"False\"}]}")
                .patch("/scim/v2/Users/" + id).then().log().ifValidationFails().statusCode(200).body("active", equalTo(false));
        hr().body("{\"Operations\": [{\"op\": \"replace\", \"value\": {\"active\": true}}]}")
                .patch("/scim/v2/Users/" + id).then().log().ifValidationFails().statusCode(200).body("active", equalTo(true));
    }

    @Test
    void rekeyByPatchKeepsTheIdAndDeleteDeactivatesWithAnEvent() {
        String first = "E-" + UUID.randomUUID();
        create(first);
        String second = "N-" + UUID.randomUUID();
        hr().body("{\"Operations\": [{\"op\": \"replace\", \"path\": \"externalId\", \"value\": \"" + second
                + "\"}]}").patch("/scim/v2/Users/" + first).then().statusCode(200)
                .body("id", equalTo(first)).body("externalId", equalTo(second))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.employeeNumber",
                        equalTo(second));

        hr().delete("/scim/v2/Users/" + first).then().statusCode(204);
        hr().get("/scim/v2/Users/" + first).then().statusCode(200).body("active", equalTo(false));
        hr().delete("/scim/v2/Users/" + first).then().statusCode(204);

        EventTap tap = EventTap.of("heartline.training");
        List<EventTap.Seen> gone = tap.await(s -> first.equals(s.key())
                && s.event().type().equals("heartline.training.person-deactivated.v1"), 1, Duration.ofSeconds(30));
        assertEquals(1, gone.size(), "deleting twice deactivates once");
        assertEquals(List.of(), gone.get(0).schemaProblems());
        assertEquals(district, gone.get(0).event().district());
        tap.forSubject(first).forEach(s -> assertEquals(List.of(), s.schemaProblems()));
    }
}
