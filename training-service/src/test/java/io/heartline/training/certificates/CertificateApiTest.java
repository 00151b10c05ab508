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
