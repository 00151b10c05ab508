package io.heartline.screening.consent;

import static io.heartline.screening.support.Api.answers;
import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.submit;
import static io.heartline.screening.support.Api.submitted;
import static io.heartline.screening.support.Api.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.TestTokens;
import io.heartline.screening.support.Db;
import io.heartline.screening.support.Directory;
import io.heartline.screening.support.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Guardian consent: the records (audited) and the rule at intake, through the public API. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class ConsentTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final List<Map<String, Object>> GAD_ZERO = answers(0, 0, 0, 0, 0, 0, 0);

    @Inject
    AgroalDataSource db;

    private final String school = newSchool();
    private final String psy = token(newPerson("psy"), school, "psychologist");
    private final String admin = token(newPerson("adm"), school, "school-admin");

    @AfterEach
    void unpin() {
        TestClock.reset();
    }

    static Map<String, Object> standing(String subjectId, Instant givenAt) {
        Map<String, Object> c = new HashMap<>();
        c.put("subjectId", subjectId);
        c.put("scope", "STANDING");
        c.put("givenBy", "GUARDIAN");
        c.put("guardianId", "G-" + subjectId);
        c.put("method", "PAPER");
        c.put("givenAt", givenAt.toString());
        return c;
    }

    private String basisOf(String screeningId) {
        return Db.strings(db, "SELECT consent_basis FROM screening WHERE id = ?::uuid", screeningId).get(0);
    }

    @Test
    void a13YearOld364DaysIsRefusedWithoutConsentAnd14YearOldIsNot() {
        TestClock.pin(Instant.parse("2026-06-14T02:00:00Z")); // 10:00 on 14 June in Shanghai
        String young = newPerson("st"), old = newPerson("st");
        Directory.enrol(db, Directory.DISTRICT, school, young, "c-7-1", "07", LocalDate.parse("2026-06-14"));
        Directory.enrol(db, Directory.DISTRICT, school, old, "c-7-1", "07", LocalDate.parse("2026-06-13"));

        submit(token(young, school, "student"), body("GAD-7", GAD_ZERO)).then().statusCode(409)
                .contentType(containsString("application/problem+json")).body("reason", equalTo("CONSENT_REQUIRED"))
                .body("status", equalTo(409));
        assertEquals(0, Db.count(db, "SELECT count(*) FROM screening WHERE subject_id = ?", young));
        // a psychologist submitting on the student's behalf meets the same rule
        submit(psy, body("GAD-7", GAD_ZERO, "subjectId", young, "subjectType", "STUDENT")).then().statusCode(409)
                .body("reason", equalTo("CONSENT_REQUIRED"));

        String id = submitted(token(old, school, "student"), body("GAD-7", GAD_ZERO));
        assertEquals("AGE_14_OR_OLDER", basisOf(id));
    }

    @Test
    void theScreeningDayIsTheSchoolsDayInShanghai() {
        // 17:00 UTC on 14 June is 01:00 on 15 June in Shanghai: the student (required until 14 June) is 14 there
        TestClock.pin(Instant.parse("2026-06-14T17:00:00Z"));
        String student = newPerson("st");
        Directory.enrol(db, Directory.DISTRICT, school, student, "c-7-1", "07", LocalDate.parse("2026-06-14"));
        String id = submitted(token(student, school, "student"), body("GAD-7", GAD_ZERO));
        assertEquals("AGE_14_OR_OLDER", basisOf(id));
    }

    @Test
    void aStandingConsentAllowsScreeningUntilItIsWithdrawn() {
        TestClock.pin(Instant.parse("2026-06-14T02:00:00Z"));
        String student = newPerson("st");
        Directory.enrol(db, Directory.DISTRICT, school, student, "c-7-1", "07", LocalDate.parse("2027-01-01"));
        String consentId = as(psy).body(standing(student, Instant.parse("2026-06-01T00:00:00Z")))
                .post("/api/v1/consents").then().statusCode(201)
                .header("Location", containsString("/api/v1/consents/"))
                .body("status", equalTo("ACTIVE")).body("scope", equalTo("STANDING"))
                .body("givenBy", equalTo("GUARDIAN")).body("recordedBy", notNullValue())
                .extract().path("id");

        String id = submitted(token(student, school, "student"), body("GAD-7", GAD_ZERO));
        assertEquals("GUARDIAN_CONSENT", basisOf(id));
        assertEquals(consentId, Db.strings(db, "SELECT consent_id::text FROM screening WHERE id = ?::uuid", id).get(0));

        as(admin).body(Map.of("reason", "parent asked by phone")).post("/api/v1/consents/" + consentId + "/withdraw")
                .then().statusCode(200).body("status", equalTo("WITHDRAWN"))
                .body("withdrawal.reason", equalTo("parent asked by phone"));
        assertEquals(1, Db.count(db, "SELECT count(*) FROM audit_record WHERE record_type = 'consent' AND record_id = ?"
                + " AND endpoint = 'POST /api/v1/consents/{id}/withdraw'", consentId));

        submit(token(student, school, "student"), body("GAD-7", GAD_ZERO)).then().statusCode(409)
                .body("reason", equalTo("CONSENT_REQUIRED"));
        // withdrawing twice is a conflict
        as(admin).body(Map.of("reason", "again")).post("/api/v1/consents/" + consentId + "/withdraw")
                .then().statusCode(409).body("reason", equalTo("ALREADY_WITHDRAWN"));
    }

    @Test
    void aCampaignConsentCoversThatCampaignOnly() {
        LocalDate today = LocalDate.now(SHANGHAI);
        String student = newPerson("st");
        Directory.enrol(db, Directory.DISTRICT, school, student, "c-6-2", "06", today.plusDays(300));
        Map<String, Object> campaign = new HashMap<>();
        campaign.put("instrument", "GAD-7");
        campaign.put("subjectIds", List.of(student));
        campaign.put("opensAt", Instant.now().minus(1, ChronoUnit.HOURS).toString());
        campaign.put("closesAt", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        String campaignId = as(psy).body(campaign).post("/api/v1/campaigns").then().statusCode(201).extract().path("id");

        Map<String, Object> consent = standing(student, Instant.now().minus(1, ChronoUnit.HOURS));
        consent.put("scope", "CAMPAIGN");
        consent.put("campaignId", campaignId);
        as(psy).body(consent).post("/api/v1/consents").then().statusCode(201).body("campaignId", equalTo(campaignId));

        String id = submitted(token(student, school, "student"), body("GAD-7", GAD_ZERO));
        assertEquals(campaignId, Db.strings(db, "SELECT campaign_id::text FROM screening WHERE id = ?::uuid", id).get(0));
        // another instrument is not part of that campaign
        submit(token(student, school, "student"), body("PHQ-9", io.heartline.screening.support.Api.phq9(0, 0, 0, 0, 0,
                0, 0, 0, 0))).then().statusCode(409).body("reason", equalTo("CONSENT_REQUIRED"));

        as(psy).queryParam("campaignId", campaignId).get("/api/v1/consents").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].subjectId", equalTo(student));
    }

    @Test
    void aStudentTheDirectoryDoesNotKnowIsScreenedAndMarkedAgeUnknown() {
        String stranger = newPerson("st");
        String id = submitted(token(stranger, school, "student"), body("GAD-7", GAD_ZERO));
        assertEquals("AGE_UNKNOWN", basisOf(id));
        String staff = newPerson("t");
        String sid = submitted(token(staff, school, "staff"), body("STAFF-MONTHLY", answers(4, 4, 4, 4, 4, 4, 4, 4, 4, 4)));
        assertEquals("STAFF", basisOf(sid));
    }

    @Test
    void recordingAndListingAreAuditedAndScopedToTheSchoolOfTheDistrict() {
        String student = newPerson("st");
        String id = as(psy).body(standing(student, Instant.now().minusSeconds(60))).post("/api/v1/consents")
                .then().statusCode(201).extract().path("id");
        as(admin).queryParam("subjectId", student).get("/api/v1/consents").then().statusCode(200)
                .body("items.id", hasItem(id)).body("nextCursor", equalTo(null));
        assertEquals(2, Db.count(db, "SELECT count(*) FROM audit_record WHERE record_type = 'consent' AND record_id = ?",
                id));

        // the same school id in another district: not found
        String elsewhere = TestTokens.forRole("psychologist").sub(newPerson("psy")).school(school)
                .district("district-2").sign();
        as(elsewhere).body(Map.of("reason", "x")).post("/api/v1/consents/" + id + "/withdraw").then().statusCode(404);
        as(elsewhere).queryParam("subjectId", student).get("/api/v1/consents").then().statusCode(200)
                .body("items", hasSize(0));
        // another school: not found
        as(token(newPerson("psy"), newSchool(), "psychologist")).body(Map.of("reason", "x"))
                .post("/api/v1/consents/" + id + "/withdraw").then().statusCode(404);
        as(psy).body(Map.of("reason", "x")).post("/api/v1/consents/not-an-id/withdraw").then().statusCode(404);
    }

    @Test
    void rolesAndTokens() {
        String student = newPerson("st");
        given().contentType(ContentType.JSON).body(standing(student, Instant.now())).post("/api/v1/consents")
                .then().statusCode(401);
        for (String role : List.of("student", "teacher", "staff", "district-admin")) {
            as(token(newPerson("x"), school, role)).body(standing(student, Instant.now().minusSeconds(5)))
                    .post("/api/v1/consents").then().statusCode(403);
            as(token(newPerson("x"), school, role)).queryParam("subjectId", student).get("/api/v1/consents")
                    .then().statusCode(403);
        }
    }

    @Test
    void invalidConsentsAre400() {
        String student = newPerson("st");
        as(psy).body(Map.of("subjectId", student)).post("/api/v1/consents").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("errors.field", hasItem("scope"));
        Map<String, Object> noCampaign = standing(student, Instant.now().minusSeconds(5));
        noCampaign.put("scope", "CAMPAIGN");
        as(psy).body(noCampaign).post("/api/v1/consents").then().statusCode(400)
                .body("errors.field", hasItem("campaignId"));
        Map<String, Object> noGuardian = standing(student, Instant.now().minusSeconds(5));
        noGuardian.remove("guardianId");
        as(psy).body(noGuardian).post("/api/v1/consents").then().statusCode(400)
                .body("errors.field", hasItem("guardianId"));
        as(psy).body(standing(student, Instant.now().plus(2, ChronoUnit.DAYS))).post("/api/v1/consents").then()
                .statusCode(400).body("errors.field", hasItem("givenAt"));
        Map<String, Object> badMethod = standing(student, Instant.now().minusSeconds(5));
        badMethod.put("method", "EMAIL");
        as(psy).body(badMethod).post("/api/v1/consents").then().statusCode(400);
        as(psy).get("/api/v1/consents").then().statusCode(400).body("errors.field", hasItem("subjectId"));
        String id = as(psy).body(standing(student, Instant.now().minusSeconds(5))).post("/api/v1/consents")
                .then().statusCode(201).extract().path("id");
        as(psy).body(Map.of()).post("/api/v1/consents/" + id + "/withdraw").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
    }
}
