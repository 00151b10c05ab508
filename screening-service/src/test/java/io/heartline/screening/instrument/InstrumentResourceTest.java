package io.heartline.screening.instrument;

import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.token;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class InstrumentResourceTest {

    private final String student = token(newPerson("student"), newSchool(), "student");

    @Test
    void listsTheCurrentVersionOfEveryInstrument() {
        as(student).get("/api/v1/instruments").then().statusCode(200)
                .body("code", hasItems("PHQ-9", "PHQ-A", "GAD-7", "WHO-5", "K10", "STAFF-MONTHLY", "SCL-90",
                        "TEACHER-OBS"))
                .body("find { it.code == 'PHQ-9' }.itemCount", equalTo(10))
                .body("find { it.code == 'PHQ-9' }.licence", equalTo("FREE"))
                .body("find { it.code == 'SCL-90' }.licence", equalTo("LICENSED"))
                .body("find { it.code == 'TEACHER-OBS' }.audience", equalTo("OBSERVER"))
                .body("find { it.code == 'REVERSE-TEST' }.version", equalTo(2));
    }

    @Test
    void formHasItemsWithOptionsAndConditions() {
        as(student).get("/api/v1/instruments/PHQ-9?lang=en").then().statusCode(200)
                .body("items", hasSize(10))
                .body("items[0].number", equalTo(1))
                .body("items[0].text", equalTo("Little interest or pleasure in doing things"))
                .body("items[0].options.value", hasItems(0, 1, 2, 3))
                .body("items[0].options[3].label", equalTo("Nearly every day"))
                .body("items[0].askedWhen", nullValue())
                .body("items[9].askedWhen.scoredTotalAbove", equalTo(0))
                .body("bands", nullValue()).body("rules", nullValue());
        as(student).get("/api/v1/instruments/REVERSE-TEST?version=1").then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void unknownInstrumentIs404() {
        as(student).get("/api/v1/instruments/NOPE").then().statusCode(404).contentType("application/problem+json");
        as(student).get("/api/v1/instruments/PHQ-9?version=9").then().statusCode(404);
        as(student).get("/api/v1/instruments/PHQ-9?version=one").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("version"));
    }

    @Test
    void healthAndOpenApiAreServed() {
        io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200);
        io.restassured.RestAssured.get("/q/openapi").then().statusCode(200);
    }
}
