package io.heartline.screening.campaign;

import static io.heartline.screening.support.Api.answers;
import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.submitted;
import static io.heartline.screening.support.Api.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.heartline.screening.support.Db;
import io.heartline.screening.support.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Campaigns (cohorts, windows, linking, progress) and licences of LICENSED instruments. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class CampaignAndLicenceTest {

    @Inject
    CampaignRepeater repeater;

    @Inject
    AgroalDataSource db;

    private final String school = newSchool();
    private final String psy = token(newPerson("psy"), school, "psychologist");

    private static Map<String, Object> campaign(String instrument, Object cohort, Instant opens, Instant closes) {
        Map<String, Object> c = new HashMap<>();
        c.put("instrument", instrument);
        if (cohort instanceof List<?> ids) {
            c.put("subjectIds", ids);
        } else {
            c.put("allStaff", cohort);
        }
        c.put("opensAt", opens.toString());
        c.put("closesAt", closes.toString());
        return c;
    }

    private static Instant ago(long hours) {
        return Instant.now().minus(hours, ChronoUnit.HOURS);
    }

    private static Instant in(long hours) {
        return Instant.now().plus(hours, ChronoUnit.HOURS);
    }

    private static final List<Map<String, Object>> GAD_ZERO = answers(0, 0, 0, 0, 0, 0, 0);

    @Test
    void submissionsInsideTheWindowOfACohortAreLinkedAndCounted() {
        String a = newPerson("st"), b = newPerson("st"), c = newPerson("st"), outsider = newPerson("st");
        String id = as(psy).body(campaign("GAD-7", List.of(a, b, c, a), ago(1), in(24)))
                .post("/api/v1/campaigns").then().statusCode(201)
                .body("expected", equalTo(3)).body("completed", equalTo(0))
                .body("cohort", equalTo("SUBJECTS")).body("status", equalTo("OPEN"))
                .extract().path("id");
        String scheduledLater = as(psy).body(campaign("GAD-7", List.of(a), in(24), in(48)))
                .post("/api/v1/campaigns").then().statusCode(201).body("status", equalTo("SCHEDULED")).extract().path("id");
        String linked = submitted(token(a, school, "student"), body("GAD-7", GAD_ZERO));
        submitted(token(a, school, "student"), body("GAD-7", GAD_ZERO));   // twice: still one person completed
        submitted(token(b, school, "student"), body("GAD-7", GAD_ZERO));
        submitted(token(outsider, school, "student"), body("GAD-7", GAD_ZERO));
        submitted(token(c, school, "student"), body("PHQ-9", io.heartline.screening.support.Api.phq9(0, 0, 0, 0, 0, 0, 0, 0, 0)));
        submitted(token(c, newSchool(), "student"), body("GAD-7", GAD_ZERO));   // another school
        as(psy).get("/api/v1/campaigns/" + id).then().statusCode(200)
                .body("expected", equalTo(3)).body("completed", equalTo(2)).body("completionRate", equalTo(0.6667f))
                .body("$", not(hasKey("scores")));
        as(psy).get("/api/v1/campaigns/" + scheduledLater).then().body("completed", equalTo(0));
        assertEquals(List.of(id), Db.strings(db, "SELECT campaign_id::text FROM screening WHERE id = ?::uuid", linked));
        as(psy).get("/api/v1/screenings/" + linked).then().body("campaignId", equalTo(id));
        assertEquals(1, Db.count(db, "SELECT count(*) FROM outbox_event WHERE convert_from(payload, 'UTF8') LIKE ?"
                + " AND convert_from(payload, 'UTF8') LIKE ?", "%\"screeningId\":\"" + linked + "\"%",
                "%\"campaignId\":\"" + id + "\"%"), "the submitted event names the campaign");
        as(token(newPerson("admin"), school, "school-admin")).get("/api/v1/campaigns").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItems(id, scheduledLater));
    }

    @Test
    void allStaffCountsTheStaffOfTheSchoolInTheDirectory() {
        String s = newSchool();
        String admin = token(newPerson("admin"), s, "school-admin");
        String known = newPerson("staff"), other = newPerson("staff"), newcomer = newPerson("staff");
        // Staff come from the directory (training-service events), not from screenings about them.
        io.heartline.screening.support.Directory.staff(db, "district-1", s, known, "CLASS_TEACHER");
        io.heartline.screening.support.Directory.staff(db, "district-1", s, other, "OTHER");
        String id = as(admin).body(campaign("STAFF-MONTHLY", true, ago(1), in(24))).post("/api/v1/campaigns")
                .then().statusCode(201).body("cohort", equalTo("ALL_STAFF")).body("expected", equalTo(2))
                .body("completed", equalTo(0)).extract().path("id");
        var monthly = answers(4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        submitted(token(known, s, "staff"), body("STAFF-MONTHLY", monthly));
        submitted(token(newcomer, s, "staff"), body("STAFF-MONTHLY", monthly));
        // the newcomer's result is linked, but counts once the directory lists them
        as(admin).get("/api/v1/campaigns/" + id).then().statusCode(200)
                .body("expected", equalTo(2)).body("completed", equalTo(1)).body("completionRate", equalTo(0.5f));
        io.heartline.screening.support.Directory.staff(db, "district-1", s, newcomer, "OTHER");
        as(admin).get("/api/v1/campaigns/" + id).then().statusCode(200)
                .body("expected", equalTo(3)).body("completed", equalTo(2)).body("completionRate", equalTo(0.6667f));
    }

    @Test
    void aMonthlyCampaignOpensAgainAMonthLaterOnceWhenItCloses() {
        String s = newSchool();
        String admin = token(newPerson("admin"), s, "school-admin");
        Instant opens = Instant.parse("2027-01-01T00:00:00Z"); // 08:00 in Shanghai
        Instant closes = Instant.parse("2027-01-08T00:00:00Z");
        TestClock.pin(Instant.parse("2026-12-20T00:00:00Z"));
        try {
            Map<String, Object> body = campaign("STAFF-MONTHLY", true, opens, closes);
            body.put("repeat", "MONTHLY");
            String first = as(admin).body(body).post("/api/v1/campaigns").then().statusCode(201)
                    .body("repeat", equalTo("MONTHLY")).body("nextId", nullValue()).extract().path("id");
            assertEquals(0, repeater.repeatClosed(), "not closed yet");

            TestClock.pin(Instant.parse("2027-01-08T00:00:01Z"));
            assertEquals(1, repeater.repeatClosed());
            assertEquals(0, repeater.repeatClosed(), "repeated once");
            String next = as(admin).get("/api/v1/campaigns/" + first).then().statusCode(200).extract().path("nextId");
            as(admin).get("/api/v1/campaigns/" + next).then().statusCode(200)
                    .body("opensAt", equalTo("2027-02-01T00:00:00Z")).body("closesAt", equalTo("2027-02-08T00:00:00Z"))
                    .body("cohort", equalTo("ALL_STAFF")).body("repeatOf", equalTo(first))
                    .body("status", equalTo("SCHEDULED"));
        } finally {
            TestClock.reset();
        }
        Map<String, Object> bad = campaign("STAFF-MONTHLY", true, ago(1), in(24));
        bad.put("repeat", "WEEKLY");
        as(admin).body(bad).post("/api/v1/campaigns").then().statusCode(400).body("errors.field", contains("repeat"));
    }

    @Test
    void campaignRequestsAreValidated() {
        as(psy).body(campaign("NOPE", List.of("x"), ago(1), in(1))).post("/api/v1/campaigns").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("instrument"));
        as(psy).body(campaign("GAD-7", List.of(), ago(1), in(1))).post("/api/v1/campaigns").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("subjectIds"));
        as(psy).body(campaign("GAD-7", in(2), in(1), in(1))).post("/api/v1/campaigns").then().statusCode(400);
        as(psy).body(campaign("GAD-7", List.of("x"), in(2), in(1))).post("/api/v1/campaigns").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("closesAt"));
        as(psy).body(campaign("GAD-7", List.of("x"), ago(5), ago(1))).post("/api/v1/campaigns").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("closesAt"));
        // Windows must be answerable and must end: a minute, or more than a year, is refused.
        as(psy).body(campaign("GAD-7", List.of("x"), in(1), in(1).plusSeconds(60))).post("/api/v1/campaigns").then()
                .statusCode(400).body("errors.field", containsInAnyOrder("closesAt"));
        as(psy).body(campaign("GAD-7", List.of("x"), ago(1), in(24 * 400))).post("/api/v1/campaigns").then()
                .statusCode(400).body("errors.field", containsInAnyOrder("closesAt"));
        Map<String, Object> overlapping = campaign("STAFF-MONTHLY", true, ago(1), in(24 * 30));
        overlapping.put("repeat", "MONTHLY");
        as(token(newPerson("admin"), school, "school-admin")).body(overlapping).post("/api/v1/campaigns").then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("closesAt"));
        as(psy).body(campaign("PHQ-A", true, ago(1), in(1))).post("/api/v1/campaigns").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("allStaff"));
        as(psy).body(campaign("GAD-7", List.of("bad id!"), ago(1), in(1))).post("/api/v1/campaigns").then()
                .statusCode(400);
        List<String> tooMany = new ArrayList<>(Collections.nCopies(5001, "x"));
        as(psy).body(campaign("GAD-7", tooMany, ago(1), in(1))).post("/api/v1/campaigns").then().statusCode(400);
        as(psy).get("/api/v1/campaigns/" + UUID.randomUUID()).then().statusCode(404);
        as(psy).get("/api/v1/campaigns/nope").then().statusCode(404);
    }

    @Test
    void licensedInstrumentIsRefusedUntilTheDistrictRecordsALicence() {
        String district = "district-" + UUID.randomUUID().toString().substring(0, 8);
        String s = newSchool();
        String student = newPerson("student");
        String studentToken = TestTokens.forRole("student").sub(student).school(s).district(district).sign();
        var scl = body("SCL-90", answers(new int[90]).stream().map(a -> Map.<String, Object>of("item", a.get("item"),
                "value", 1)).toList());
        as(studentToken).body(scl).post("/api/v1/screenings").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://heartline.io/problems/instrument-not-licensed"));
        String psyToken = TestTokens.forRole("psychologist").sub(newPerson("psy")).school(s).district(district).sign();
        as(psyToken).body(campaign("SCL-90", List.of(student), ago(1), in(1))).post("/api/v1/campaigns").then()
                .statusCode(409);
        assertEquals(0, Db.count(db, "SELECT count(*) FROM screening WHERE subject_id = ?", student));
        assertEquals(0, Db.count(db, "SELECT count(*) FROM outbox_event WHERE record_key = ?", student));

        String admin = TestTokens.forRole("district-admin").sub(newPerson("dadmin")).district(district).sign();
        as(admin).body(Map.of("licensee", "District centre", "validUntil", ago(1).toString())).post(
                "/api/v1/instruments/SCL-90/licences").then().statusCode(400);
        as(admin).body(Map.of("licensee", "District centre", "reference", "PO-2026-17"))
                .post("/api/v1/instruments/SCL-90/licences").then().statusCode(201)
                .body("district", equalTo(district)).body("validUntil", nullValue());
        as(admin).body(Map.of("licensee", "x")).post("/api/v1/instruments/PHQ-9/licences").then().statusCode(409);
        as(admin).body(Map.of("licensee", "x")).post("/api/v1/instruments/NOPE/licences").then().statusCode(404);
        as(psyToken).get("/api/v1/instruments/SCL-90/licences").then().statusCode(200)
                .body("reference", org.hamcrest.Matchers.contains("PO-2026-17"));

        as(studentToken).body(scl).post("/api/v1/screenings").then().statusCode(201);
        // Another district is still refused.
        as(TestTokens.forRole("student").sub(newPerson("st")).school(newSchool()).district("district-elsewhere").sign())
                .body(scl).post("/api/v1/screenings").then().statusCode(409);
    }

    @Test
    void licensedFormShowsPlaceholdersNotLicensedTexts() {
        as(psy).get("/api/v1/instruments/SCL-90?lang=en").then().statusCode(200)
                .body("licence", equalTo("LICENSED")).body("itemTextsIncluded", equalTo(false))
                .body("items[14].text", equalTo("Item 15 (licensed text: use your licensed copy)"))
                .body("items", org.hamcrest.Matchers.hasSize(90));
        as(psy).get("/api/v1/instruments/SCL-90").then().statusCode(200).body("language", equalTo("zh-CN"))
                .body("items[14].text", equalTo("第 15 题（授权文本：请使用贵区的授权版本）"));
    }
}
