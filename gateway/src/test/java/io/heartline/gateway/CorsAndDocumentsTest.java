package io.heartline.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.heartline.gateway.support.Gateway;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** CORS for the configured front-end origin (preflight without a token) and the OpenAPI documents. */
@QuarkusTest
class CorsAndDocumentsTest {

    private static final String ORIGIN = "https://app.heartline.test";

    @Test
    void preflightFromAConfiguredOriginIsAnsweredWithoutAToken() {
        given().header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/v1/screenings")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
    }

    @Test
    void preflightFromAnotherOriginGetsNoPermission() {
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/screenings")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void actualCrossOriginRequestsCarryTheCorsHeaders() {
        given().header("Origin", ORIGIN)
                .header("Authorization", Gateway.bearer(TestTokens.forRole("student").sign()))
                .get("/api/v1/instruments")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
        // Problems too, so that the front end can read them.
        given().header("Origin", ORIGIN).get("/api/v1/instruments")
                .then().statusCode(401).header("Access-Control-Allow-Origin", ORIGIN);
    }

    @Test
    void openApiDescribesTheGatewayAndLinksEachServiceDocument() {
        given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Heartline gateway"))
                .body("paths.'/api/v1/instruments'.get.description", containsString("any authenticated caller"))
                .body("paths.'/api/v1/screenings'.post.description", containsString("psychologist"))
                .body("paths.'/api/v1/crisis-{name}/{path}'", notNullValue())
                .body("paths.'/api/v1/screenings'.get.responses.'403'", notNullValue())
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("x-heartline-services.screening.document", equalTo("/q/openapi/screening"))
                .body("x-heartline-services.training.paths", hasItem("/api/v1/roster-imports/**"));
    }

    @Test
    void eachServiceDocumentIsServedPubliclyWithoutTheCallersCredentials() {
        given().header("Authorization", Gateway.bearer(TestTokens.forRole("student").sign()))
                .get("/q/openapi/referral?format=json").then().statusCode(200)
                .body("info.title", equalTo("referral"))
                .body("x-saw-authorization", equalTo(false))
                .body("x-query", equalTo("format=json"));
        given().get("/q/openapi/nothing").then().statusCode(404).contentType("application/problem+json");
    }
}
