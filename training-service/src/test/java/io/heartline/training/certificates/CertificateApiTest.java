package io.heartline.training.certificates;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.DirectoryFixture.Role;
import io.heartline.training.support.DirectoryFixture;
import io.heartline.training.support.MovableClock;
import io.heartline.training.support.Ob3Check;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Qualifications, the public verification, the Open Badges export and the expiry reminders (moved clock). */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class CertificateApiTest {

    @Inject
    AgroalDataSource db;
    @Inject
    MovableClock clock;
    @Inject
    CertificateReminders reminders;

    private final EventTap tap = EventTap.of(Topics.TRAINING);
    private final String school = DirectoryFixture.unique("school");
    private final String otherSchool = DirectoryFixture.unique("school");
    private DirectoryFixture dir;

    @BeforeEach
    void seed() {
        dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        dir.school(school, "No. 1").school(otherSchool, "No. 2")
                .staff("p-1", "Li Wei", school, true, new Role("PSYCHOLOGY_TEACHER", school, true))
                .staff("p-2", "Zhang Min", otherSchool, true, new Role("CLASS_TEACHER", otherSchool, true));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private RequestSpecification as(String role, String schoolClaim, String sub) {
        return given().auth().oauth2(dir.token(role, schoolClaim, sub)).contentType(ContentType.JSON);
    }

    private JsonPath issue(String person, String kind, Instant expiresAt) {
        return as("district-admin", null, "da").body(expiresAt == null ? Map.of("personId", person, "kind", kind)
                : Map.of("personId", person, "kind", kind, "expiresAt", expiresAt.toString()))
                .post("/api/v1/certificates").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aQualificationIsIssuedWithAnEventAndVerifiedWithoutAToken() {
        JsonPath c = issue("p-1", "CRISIS_INTERVENTION", Instant.now().plus(Duration.ofDays(1000)));
        assertEquals("CRISIS_INTERVENTION", c.getString("kind"));
        String code = c.getString("code");
        given().get("/api/v1/certificates/verify/{code}", code).then().statusCode(200)
                .body("kind", equalTo("CRISIS_INTERVENTION")).body("holderInitials", equalTo("L. W."))
                .body("valid", equalTo(true)).body("status", equalTo("VALID"))
                .body("$", not(org.hamcrest.Matchers.hasKey("personId")))
                .body("$", not(org.hamcrest.Matchers.hasKey("title")))
                .body(not(containsString("Li Wei"))).body(not(containsString(dir.district)));
        given().get("/api/v1/certificates/verify/{code}", code.toLowerCase()).then().statusCode(200);
        given().get("/api/v1/certificates/verify/{code}", "HL-AAAA-BBBB-CCCC-DDDD").then().statusCode(404)
                .contentType("application/problem+json");
        JsonPath b = issue("p-1", "QUALIFICATION_B", null);
        given().get("/api/v1/certificates/verify/{code}", b.getString("code")).then()
                .body("level", equalTo("B")).body("expiresAt", equalTo(null));

        List<EventTap.Seen> events = tap.await(s -> "p-1".equals(s.key()) && dir.district.equals(s.data("district"))
                && Training.CERTIFIED.equals(s.event().type()), 2, Duration.ofSeconds(30));
        events.forEach(s -> assertEquals(List.of(), s.schemaProblems()));
        EventTap.Seen crisis = events.stream().filter(s -> "CRISIS_INTERVENTION".equals(s.data("kind"))).findFirst()
                .orElseThrow();
        assertEquals(c.getString("id"), crisis.data("certificateId"));
        assertTrue(crisis.event().data().has("level") && crisis.event().data().get("level").isNull());
        assertFalse(new String(crisis.raw()).contains("Li Wei"));
    }

    @Test
    void qualificationsAreValidated() {
        as("district-admin", null, "da").body(Map.of("personId", "p-1", "kind", "COURSE_PASS"))
                .post("/api/v1/certificates").then().statusCode(400).body("errors.field", hasItems("kind"));
        as("district-admin", null, "da").body(Map.of("personId", "nobody", "kind", "QUALIFICATION_A"))
                .post("/api/v1/certificates").then().statusCode(400).body("errors.field", hasItems("personId"));
        as("school-admin", school, "sa").body(Map.of("personId", "p-1", "kind", "QUALIFICATION_A"))
                .post("/api/v1/certificates").then().statusCode(403);
    }

    @Test
    void whoSeesCertificates() {
        String id = issue("p-1", "QUALIFICATION_C", null).getString("id");
        as("psychologist", school, "p-1").get("/api/v1/certificates").then().statusCode(200)
                .body("items", hasSize(1));
        as("school-admin", school, "sa").get("/api/v1/certificates?personId=p-1").then().statusCode(200)
                .body("items[0].id", equalTo(id));
        as("school-admin", otherSchool, "sa2").get("/api/v1/certificates?personId=p-1").then().statusCode(404);
        as("teacher", otherSchool, "p-2").get("/api/v1/certificates?personId=p-1").then().statusCode(404);
        as("teacher", otherSchool, "p-2").get("/api/v1/certificates/{id}", id).then().statusCode(404);
        as("district-admin", null, "da").get("/api/v1/certificates/{id}", id).then().statusCode(200);
        given().auth().oauth2(dir.inDistrict("other-district").token("district-admin", null, "da"))
                .get("/api/v1/certificates/{id}", id).then().statusCode(404);
        as("student", school, "s-1").get("/api/v1/certificates").then().statusCode(403);
        as("hr-sync", null, "hr").get("/api/v1/certificates").then().statusCode(403);
        given().get("/api/v1/certificates").then().statusCode(401);
    }

    @Test
    void openBadgeExport() {
        JsonPath c = issue("p-1", "QUALIFICATION_A", Instant.parse("2031-01-01T00:00:00Z"));
        JsonPath vc = as("psychologist", school, "p-1").get("/api/v1/certificates/{id}/open-badge", c.getString("id"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"), vc.getList("@context"));
        assertEquals(List.of("VerifiableCredential", "OpenBadgeCredential"), vc.getList("type"));
        assertEquals("urn:uuid:" + c.getString("id"), vc.getString("id"));
        assertEquals(List.of("Profile"), vc.getList("issuer.type"));
        assertTrue(vc.getString("issuer.id").startsWith("https://"));
        assertEquals("2031-01-01T00:00:00Z", vc.getString("validUntil"));
        assertEquals(List.of("AchievementSubject"), vc.getList("credentialSubject.type"));
        assertEquals(List.of("Achievement"), vc.getList("credentialSubject.achievement.type"));
        assertTrue(vc.getString("credentialSubject.achievement.criteria.narrative").length() > 0);
        assertEquals("IdentityObject", vc.getString("credentialSubject.identifier[0].type"));
        assertTrue(vc.getString("credentialSubject.identifier[0].identityHash").matches("^sha256\\$[0-9a-f]{64}$"));
        assertFalse(vc.prettify().contains("p-1"), "the person id is only in the salted hash");
        assertFalse(vc.prettify().contains("Li Wei"));
        given().get("/api/v1/certificates/{id}/open-badge", c.getString("id")).then().statusCode(401);
        as("school-admin", otherSchool, "x").get("/api/v1/certificates/{id}/open-badge", c.getString("id")).then()
                .statusCode(404);
    }

    /**
     * The export checked by libraries we did not write (jsonld.js in safe mode against the VC 2.0 and OB 3.0.3
     * contexts, @digitalbazaar/vc's data-model check), course certificate and qualification; and the checker is shown
     * to fail on a term the contexts do not define and on a missing required property.
     */
    @Test
    void openBadgeExportPassesIndependentJsonLdAndVcChecks() throws Exception {
        String qualification = issue("p-1", "QUALIFICATION_A", Instant.parse("2031-01-01T00:00:00Z")).getString("id");
        String crisis = issue("p-1", "CRISIS_INTERVENTION", null).getString("id");
        for (String id : List.of(qualification, crisis)) {
            String json = as("psychologist", school, "p-1").get("/api/v1/certificates/{id}/open-badge", id).then()
                    .statusCode(200).extract().asString();
            Ob3Check.Result r = Ob3Check.run(json);
            assertEquals("OK", r.output().strip(), r.output());
            assertEquals(0, r.exitCode());
        }
        String json = as("psychologist", school, "p-1").get("/api/v1/certificates/{id}/open-badge", qualification)
                .then().extract().asString();
        Ob3Check.Result undefinedTerm = Ob3Check.run(json.replaceFirst("\\{", "{\"grade\": \"A\", "));
        assertEquals(1, undefinedTerm.exitCode(), undefinedTerm.output());
        assertTrue(undefinedTerm.output().contains("JSON-LD (safe mode)"), undefinedTerm.output());
        Ob3Check.Result noCriteria = Ob3Check.run(json.replaceAll("\"criteria\":\\{[^}]*},", ""));
        assertEquals(1, noCriteria.exitCode(), noCriteria.output());
        assertTrue(noCriteria.output().contains("achievement.criteria: required"), noCriteria.output());
    }

    @Test
    void revocationByTheIssuerShowsInVerificationExportAndEvent() {
        JsonPath c = issue("p-1", "CRISIS_INTERVENTION", Instant.now().plus(Duration.ofDays(1000)));
        String id = c.getString("id");
        String code = c.getString("code");
        String note = "Issued to the wrong person " + DirectoryFixture.unique("note");
        // who: the district revokes qualifications; a school admin who sees the holder may not (403), one who does
        // not see them gets 404; other roles 403; no token 401
        as("school-admin", school, "sa").body(Map.of("reason", "ISSUED_IN_ERROR"))
                .post("/api/v1/certificates/{id}/revoke", id).then().statusCode(403)
                .contentType("application/problem+json");
        as("school-admin", otherSchool, "sa2").body(Map.of("reason", "ISSUED_IN_ERROR"))
                .post("/api/v1/certificates/{id}/revoke", id).then().statusCode(404);
        as("psychologist", school, "p-1").body(Map.of("reason", "ISSUED_IN_ERROR"))
                .post("/api/v1/certificates/{id}/revoke", id).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("reason", "ISSUED_IN_ERROR"))
                .post("/api/v1/certificates/{id}/revoke", id).then().statusCode(401);
        given().auth().oauth2(dir.inDistrict("other-district").token("district-admin", null, "da"))
                .contentType(ContentType.JSON).body(Map.of("reason", "ISSUED_IN_ERROR"))
                .post("/api/v1/certificates/{id}/revoke", id).then().statusCode(404);
        as("district-admin", null, "da").body(Map.of("reason", "ISSUED_IN_ERROR"))
                .post("/api/v1/certificates/{id}/revoke", "not-a-uuid").then().statusCode(404);
        // validation
        as("district-admin", null, "da").body(Map.of("reason", "BORED")).post("/api/v1/certificates/{id}/revoke", id)
                .then().statusCode(400).body("errors.field", hasItems("reason"));
        as("district-admin", null, "da").body(Map.of("note", "x")).post("/api/v1/certificates/{id}/revoke", id)
                .then().statusCode(400).body("errors.field", hasItems("reason"));
        as("district-admin", null, "da").body(Map.of("reason", "OTHER", "note", "x".repeat(501)))
                .post("/api/v1/certificates/{id}/revoke", id).then().statusCode(400).body("errors.field",
                        hasItems("note"));
        as("district-admin", null, "da").body(Map.of("reason", "OTHER", "extra", 1))
                .post("/api/v1/certificates/{id}/revoke", id).then().statusCode(400);
        as("district-admin", null, "da").post("/api/v1/certificates/{id}/revoke", id).then().statusCode(400);
        given().get("/api/v1/certificates/verify/{code}", code).then().body("status", equalTo("VALID"));

        as("district-admin", null, "da").body(Map.of("reason", "ISSUED_IN_ERROR", "note", note))
                .post("/api/v1/certificates/{id}/revoke", id).then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revocationReason", equalTo("ISSUED_IN_ERROR"))
                .body("revokedAt", matchesPattern("^\\d{4}-.*Z$")).body(not(containsString(note)));
        as("district-admin", null, "da").body(Map.of("reason", "OTHER")).post("/api/v1/certificates/{id}/revoke", id)
                .then().statusCode(409).body("reason", equalTo("ALREADY_REVOKED"));
        // the public verification: REVOKED and since when; never the reason or the note
        String verification = given().get("/api/v1/certificates/verify/{code}", code).then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("valid", equalTo(false))
                .body("revokedAt", matchesPattern("^\\d{4}-.*Z$"))
                .body("$", not(org.hamcrest.Matchers.hasKey("revocationReason"))).extract().asString();
        assertFalse(verification.contains("ISSUED_IN_ERROR") || verification.contains(note));
        // the holder still sees it (REVOKED); the Open Badges export is refused
        as("psychologist", school, "p-1").get("/api/v1/certificates/{id}", id).then().statusCode(200)
                .body("status", equalTo("REVOKED"));
        as("psychologist", school, "p-1").get("/api/v1/certificates/{id}/open-badge", id).then().statusCode(409)
                .contentType("application/problem+json").body("reason", equalTo("CERTIFICATE_REVOKED"));
        // the event: ids and codes only, schema-valid, once
        List<EventTap.Seen> revoked = tap.await(s -> id.equals(s.data("certificateId"))
                && Training.CERTIFICATE_REVOKED.equals(s.event().type()), 1, Duration.ofSeconds(30));
        assertEquals(List.of(), revoked.get(0).schemaProblems());
        assertEquals("ISSUED_IN_ERROR", revoked.get(0).data("reasonCode"));
        assertEquals("CRISIS_INTERVENTION", revoked.get(0).data("kind"));
        assertEquals("p-1", revoked.get(0).key());
        assertFalse(new String(revoked.get(0).raw()).contains(note));
        assertFalse(new String(revoked.get(0).raw()).contains("Li Wei"));
        // a revoked certificate no longer counts in compliance
        as("district-admin", null, "da").get("/api/v1/compliance?level=person").then().statusCode(200)
                .body("items.find { it.personId == 'p-1' }.crisisIntervention", equalTo(false));
        // and gets no expiry reminder, nor an expired event
        clock.moveTo(Instant.now().plus(Duration.ofDays(1001)));
        reminders.run();
        assertEquals(1, io.heartline.platform.testsupport.Sql.count(db, "SELECT count(*) FROM certificate WHERE id = ?"
                + " AND reminded_days IS NULL AND expired_sent_at IS NULL", java.util.UUID.fromString(id)));
    }

    @Test
    void aSchoolAdminRevokesTheirOwnSchoolsCourseCertificates() {
        String programme = as("school-admin", school, "sa").body(Map.of("title", "Course", "hoursOffline", 2,
                "components", List.of(Map.of("code", "TEST", "weight", 100))))
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
        as("school-admin", school, "sa").body(Map.of("personIds", List.of("p-1")))
                .post("/api/v1/programmes/{id}/enrolments", programme).then().statusCode(200);
        as("school-admin", school, "sa").body(Map.of("personId", "p-1", "component", "TEST", "score", 80))
                .post("/api/v1/programmes/{id}/scores", programme).then().statusCode(200);
        as("school-admin", school, "sa").post("/api/v1/programmes/{id}/close", programme).then().statusCode(200);
        String cert = as("school-admin", school, "sa").get("/api/v1/certificates?personId=p-1").then()
                .statusCode(200).extract().path("items.find { it.programmeId == '" + programme + "' }.id");
        as("school-admin", school, "sa").body(Map.of("reason", "RESULT_CORRECTED"))
                .post("/api/v1/certificates/{id}/revoke", cert).then().statusCode(200)
                .body("status", equalTo("REVOKED"));
        tap.await(s -> cert.equals(s.data("certificateId"))
                && Training.CERTIFICATE_REVOKED.equals(s.event().type()), 1, Duration.ofSeconds(30))
                .forEach(s -> assertEquals(List.of(), s.schemaProblems()));
    }

    @Test
    void expiryRemindersAt90And30And7DaysThenExpiredEachOnce() {
        Instant expires = clock.instant().plus(Duration.ofDays(200));
        String id = issue("p-1", "CRISIS_INTERVENTION", expires).getString("id");
        reminders.run();
        assertEquals(0, sent(id, Training.CERTIFICATE_EXPIRING).size());

        clock.moveTo(expires.minus(Duration.ofDays(90)));
        reminders.run();
        reminders.run();
        clock.moveTo(expires.minus(Duration.ofDays(45)));
        reminders.run();
        clock.moveTo(expires.minus(Duration.ofDays(30)).plusSeconds(1));
        reminders.run();
        clock.moveTo(expires.minus(Duration.ofDays(7)).plusSeconds(60));
        reminders.run();
        reminders.run();
        List<EventTap.Seen> expiring = tap.await(s -> id.equals(s.data("certificateId"))
                && Training.CERTIFICATE_EXPIRING.equals(s.event().type()), 3, Duration.ofSeconds(30));
        assertEquals(List.of("90", "30", "7"), expiring.stream().map(s -> s.data("daysLeft")).toList());
        expiring.forEach(s -> assertEquals(List.of(), s.schemaProblems()));
        assertEquals(0, sent(id, Training.CERTIFICATE_EXPIRED).size());

        clock.moveTo(expires.plusSeconds(1));
        reminders.run();
        reminders.run();
        List<EventTap.Seen> expired = tap.await(s -> id.equals(s.data("certificateId"))
                && Training.CERTIFICATE_EXPIRED.equals(s.event().type()), 1, Duration.ofSeconds(30));
        assertEquals(1, expired.size());
        assertEquals(List.of(), expired.get(0).schemaProblems());
        given().get("/api/v1/certificates/verify/{code}", code(id)).then().body("status", equalTo("EXPIRED"))
                .body("valid", equalTo(false));
        assertEquals(3, sent(id, Training.CERTIFICATE_EXPIRING).size());
    }

    @Test
    void aCertificateIssuedInsideAWindowGetsOnlyTheMostUrgentReminder() {
        String id = issue("p-1", "QUALIFICATION_B", clock.instant().plus(Duration.ofDays(20))).getString("id");
        reminders.run();
        reminders.run();
        List<EventTap.Seen> expiring = tap.await(s -> id.equals(s.data("certificateId"))
                && Training.CERTIFICATE_EXPIRING.equals(s.event().type()), 1, Duration.ofSeconds(30));
        assertEquals(List.of("30"), expiring.stream().map(s -> s.data("daysLeft")).toList());
    }

    private List<EventTap.Seen> sent(String id, String type) {
        return tap.matching(s -> id.equals(s.data("certificateId")) && type.equals(s.event().type()));
    }

    private String code(String id) {
        return as("district-admin", null, "da").get("/api/v1/certificates/{id}", id).then().extract().path("code");
    }
}
