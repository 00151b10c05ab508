package io.heartline.screening.instrument;

import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.phq9;
import static io.heartline.screening.support.Api.token;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.screening.support.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Chinese forms: chosen by ?lang= or Accept-Language, zh-CN by default; the result records the language shown. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class LanguageTest {

    @Inject
    AgroalDataSource db;

    @Inject
    InstrumentCatalogue catalogue;

    private final String school = newSchool();

    @Test
    void everyBuiltInInstrumentHasAChineseVersionCitingItsSource() {
        String any = token(newPerson("st"), school, "student");
        for (String code : List.of("PHQ-9", "PHQ-A", "GAD-7", "WHO-5", "K10", "STAFF-MONTHLY", "SCL-90", "TEACHER-OBS")) {
            as(any).get("/api/v1/instruments/" + code).then().statusCode(200).body("language", equalTo("zh-CN"))
                    .body("translationSource", notNullValue()).body("availableLanguages", hasItem("en"));
        }
    }

    @Test
    void aChineseFormIsRenderedAndSubmittedEndToEnd() {
        String studentSub = newPerson("st");
        String student = token(studentSub, school, "student");
        as(student).get("/api/v1/instruments/PHQ-9").then().statusCode(200)
                .body("items[0].text", equalTo("做事时提不起劲或没有兴趣"))
                .body("items[0].options[1].label", equalTo("好几天")).body("items[0].options[1].value", equalTo(1));
        as(student).queryParam("lang", "en").get("/api/v1/instruments/PHQ-9").then().statusCode(200)
                .body("language", equalTo("en")).body("items[0].text", equalTo("Little interest or pleasure in doing things"));
        as(student).header("Accept-Language", "fr;q=1, en-GB;q=0.8, zh;q=0.5").get("/api/v1/instruments/PHQ-9")
                .then().statusCode(200).body("language", equalTo("en"));
        as(student).queryParam("lang", "fr").get("/api/v1/instruments/PHQ-9").then().statusCode(400)
                .body("errors.field", hasItem("lang"));

        String zh = as(student).body(body("PHQ-9", phq9(1, 1, 1, 1, 1, 0, 0, 0, 0), "language", "zh-CN"))
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        String en = as(student).header("Accept-Language", "en-US").body(body("PHQ-9", phq9(1, 1, 1, 1, 1, 0, 0, 0, 0)))
                .post("/api/v1/screenings").then().statusCode(201).extract().path("id");
        as(student).body(body("PHQ-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0), "language", "de")).post("/api/v1/screenings")
                .then().statusCode(400).body("errors.field", hasItem("language"));
        assertEquals("zh-CN", Db.strings(db, "SELECT language FROM screening WHERE id = ?::uuid", zh).get(0));
        assertEquals("en", Db.strings(db, "SELECT language FROM screening WHERE id = ?::uuid", en).get(0));
        // scoring does not depend on the language
        assertEquals(Db.strings(db, "SELECT risk_level || total_score FROM screening WHERE id = ?::uuid", zh),
                Db.strings(db, "SELECT risk_level || total_score FROM screening WHERE id = ?::uuid", en));
        String psy = token(newPerson("psy"), school, "psychologist");
        as(psy).get("/api/v1/screenings/" + zh).then().statusCode(200).body("language", equalTo("zh-CN"))
                .body("consentBasis", equalTo("AGE_UNKNOWN"));
    }

    @Test
    void k10BandLabelsMatchTheCutOffs() {
        var k10 = catalogue.find("K10", 1).orElseThrow().definition().bands();
        assertEquals(List.of("Likely to be well (10–15)", "Mild distress (16–21)", "Moderate distress (22–29)",
                "Severe distress (30–50)"), k10.stream().map(InstrumentDefinition.Band::label).toList());
        Instrument i = catalogue.find("K10", 1).orElseThrow();
        var zh = catalogue.translation(i, "zh-CN").orElseThrow().bands();
        assertEquals(List.of("状况良好（10–15）", "轻度心理困扰（16–21）", "中度心理困扰（22–29）", "重度心理困扰（30–50）"),
                i.definition().bands().stream().map(b -> zh.get(b.code())).toList());
    }

    @Test
    void acceptLanguageIsReadByQuality() {
        assertEquals(List.of("en-GB", "zh", "fr"), Languages.acceptLanguageTags("fr;q=0.1, en-GB, zh;q=0.5, de;q=0"));
        assertEquals("zh-CN", Languages.choose(null, "lang", "de", java.util.Set.of("en", "zh-CN"), "en"));
        assertEquals("en", Languages.choose(null, "lang", null, java.util.Set.of("en"), "en"));
        assertEquals(Map.of(), Map.of());
    }
}
