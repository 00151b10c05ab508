package io.heartline.training.compliance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.BulkFixture;
import io.heartline.training.support.DirectoryFixture.Role;
import io.heartline.training.support.DirectoryFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The compliance report: staffing ratio at 999, 1000 and 1001 students, hours, coverage, CSV, scope. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class ComplianceApiTest {

    @Inject
    AgroalDataSource db;

    private DirectoryFixture dir;

    @BeforeEach
    void seed() {
        dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        String d = dir.district;
        dir.school("s999", "Small").school("s1000", "Exact").school("s1001", "Over").school("s500", "None");
        BulkFixture.students(db, d, "s999", "a", 999);
        BulkFixture.students(db, d, "s1000", "b", 1000);
        BulkFixture.students(db, d, "s1001", "c", 1001);
        BulkFixture.students(db, d, "s500", "e", 500);
        dir.staff("psy-999", "Psy A", "s999", true, new Role("PSYCHOLOGY_TEACHER", "s999", true))
                .staff("psy-1000", "Psy B", "s1000", true, new Role("PSYCHOLOGY_TEACHER", "s1000", true))
                .staff("psy-1001", "Psy C", "s1001", true, new Role("PSYCHOLOGY_TEACHER", "s1001", true))
                .staff("psy-500", "Psy D", "s500", true, new Role("PSYCHOLOGY_TEACHER", "s500", false))
                .staff("ct-999", "Class Teacher", "s999", true, new Role("CLASS_TEACHER", "s999", true, "k1"))
                .staff("doc-999", "Doctor", "s999", true, new Role("SCHOOL_DOCTOR", "s999", true));
    }

    private RequestSpecification as(String role, String schoolClaim, String sub) {
        return given().auth().oauth2(dir.token(role, schoolClaim, sub)).contentType(ContentType.JSON);
    }

    @Test
    void staffingRatioPerSchool() {
        var schools = as("district-admin", null, "da").get("/api/v1/compliance?level=school&year=2026").then()
                .statusCode(200).body("items", hasSize(4)).extract().jsonPath();
        Map<String, Map<String, Object>> bySchool = new java.util.HashMap<>();
        for (Map<String, Object> m : schools.<Map<String, Object>>getList("items")) {
            bySchool.put((String) m.get("schoolId"), m);
        }
        assertEquals(1, bySchool.get("s999").get("requiredFullTimePsychologyTeachers"));
        assertEquals(true, bySchool.get("s999").get("staffingMet"));
        assertEquals(999, bySchool.get("s999").get("students"));
        assertEquals(1, bySchool.get("s1000").get("requiredFullTimePsychologyTeachers"));
        assertEquals(true, bySchool.get("s1000").get("staffingMet"));
        assertEquals(2, bySchool.get("s1001").get("requiredFullTimePsychologyTeachers"));
        assertEquals(false, bySchool.get("s1001").get("staffingMet"));
        assertEquals(false, bySchool.get("s500").get("psychologyTeacherPresent"));
        assertEquals(false, bySchool.get("s500").get("staffingMet"));
        assertEquals(3, bySchool.get("s999").get("staff"));

        as("district-admin", null, "da").get("/api/v1/compliance?level=district&year=2026").then().statusCode(200)
                .body("schools", equalTo(4)).body("schoolsMeetingStaffing", equalTo(2))
                .body("schoolsWithoutFullTimePsychologyTeacher", equalTo(1)).body("students", equalTo(3500))
                .body("staff", equalTo(6));
    }

    @Test
    void hoursAndCoveragePerPersonAndCsv() {
        as("district-admin", null, "da").body(Map.of("personId", "psy-999", "kind", "QUALIFICATION_B"))
                .post("/api/v1/certificates").then().statusCode(201);
        as("district-admin", null, "da").body(Map.of("personId", "ct-999", "kind", "CONFERENCE", "hours", 10,
                "date", "2026-03-01", "title", "County seminar", "eventLevel", "COUNTY"))
                .post("/api/v1/training-records/credits").then().statusCode(201);
        as("school-admin", "s999", "sa").get("/api/v1/compliance?level=person&year=2026").then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.find { it.personId == 'ct-999' }.hoursMet", equalTo(true))
                .body("items.find { it.personId == 'ct-999' }.cycleDue", equalTo(true))
                .body("items.find { it.personId == 'psy-999' }.hoursMet", equalTo(false))
                .body("items.find { it.personId == 'psy-999' }.qualificationLevel", equalTo("B"))
                .body("items.find { it.personId == 'doc-999' }.requiredHours", equalTo(0));
        as("school-admin", "s999", "sa").get("/api/v1/compliance?level=school&year=2026").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].hoursMet", equalTo(2))
                .body("items[0].hoursShortfall", equalTo(1))
                .body("items[0].coverageC", equalTo(0.3333f)).body("items[0].coverageCMet", equalTo(false))
                .body("items[0].coverageB", equalTo(0.5f));
        String csv = as("school-admin", "s999", "sa").get("/api/v1/compliance?level=person&year=2026&format=csv")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("personId,schoolIds,roles,requiredHours,creditedHours,hoursMet"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("psy-999,s999,PSYCHOLOGY_TEACHER,40.0,0,false,0,B,")));
        assertTrue(lines.get(0).endsWith(",fullTimePsychologyTeacher,countyEvents,requiredCountyEvents,countyEventsMet"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("psy-999,") && l.endsWith(",true,0,3,false")), csv);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ct-999,") && l.endsWith(",false,1,,")), csv);
        as("district-admin", null, "da").get("/api/v1/compliance?level=district&format=csv").then().statusCode(200)
                .body(startsWith("district,year,schools"));
    }

    /** Full-time psychology teachers: ≥ 3 events at county level or above a year (per district; default 3). */
    @Test
    void countyLevelEventsOfFullTimePsychologyTeachers() {
        // psy-999 (full-time): 2 county events and a provincial conference (also county level or above): 3; a
        // school-level event does not count
        credit("psy-999", "CONFERENCE", "COUNTY", "2026-02-01", "c1");
        credit("psy-999", "EXTERNAL", "COUNTY", "2026-03-01", "c2");
        credit("psy-999", "CONFERENCE", "PROVINCIAL", "2026-04-01", "c3");
        credit("psy-999", "EXTERNAL", "SCHOOL", "2026-05-01", "c4");
        // psy-1000 (full-time): 2 this year, 1 last year; psy-500 (part-time): none, the rule does not apply
        credit("psy-1000", "CONFERENCE", "COUNTY", "2026-02-01", "d1");
        credit("psy-1000", "CONFERENCE", "MUNICIPAL", "2026-02-02", "d2");
        credit("psy-1000", "CONFERENCE", "COUNTY", "2025-02-01", "d3");
        var people = as("district-admin", null, "da").get("/api/v1/compliance?level=person&year=2026").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(Map.of("fullTime", true, "events", 3, "required", 3, "met", true), county(people, "psy-999"));
        assertEquals(Map.of("fullTime", true, "events", 2, "required", 3, "met", false), county(people, "psy-1000"));
        assertEquals(Map.of("fullTime", true, "events", 0, "required", 3, "met", false), county(people, "psy-1001"));
        Map<String, Object> partTime = new java.util.HashMap<>();
        partTime.put("fullTime", false);
        partTime.put("events", 0);
        partTime.put("required", null);
        partTime.put("met", null);
        assertEquals(partTime, county(people, "psy-500"));
        assertEquals(partTime, county(people, "ct-999"));
        // the provincial conference still counts for the psychology teacher's other alternative (≥ 2 provincial)
        assertEquals(1, people.getInt("items.find { it.personId == 'psy-999' }.provincialConferences"));

        as("district-admin", null, "da").get("/api/v1/compliance?level=school&year=2026").then().statusCode(200)
                .body("items.find { it.schoolId == 's999' }.countyEventsMet", equalTo(1))
                .body("items.find { it.schoolId == 's999' }.countyEventsShortfall", equalTo(0))
                .body("items.find { it.schoolId == 's1000' }.countyEventsShortfall", equalTo(1))
                .body("items.find { it.schoolId == 's500' }.countyEventsMet", equalTo(0))
                .body("items.find { it.schoolId == 's500' }.countyEventsShortfall", equalTo(0));
        as("district-admin", null, "da").get("/api/v1/compliance?level=district&year=2026").then().statusCode(200)
                .body("requiredCountyEvents", equalTo(3)).body("countyEventsMet", equalTo(1))
                .body("countyEventsShortfall", equalTo(2));
        // last year: psy-1000 had 1 of 3
        as("district-admin", null, "da").get("/api/v1/compliance?level=person&year=2025").then().statusCode(200)
                .body("items.find { it.personId == 'psy-1000' }.countyEvents", equalTo(1));
        String csv = as("district-admin", null, "da").get("/api/v1/compliance?level=school&year=2026&format=csv")
                .then().statusCode(200).extract().asString();
        assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",countyEventsMet,countyEventsShortfall"));
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("s1000,") && l.endsWith(",0,1")), csv);
        assertTrue(as("district-admin", null, "da").get("/api/v1/compliance?level=district&year=2026&format=csv")
                .then().statusCode(200).extract().asString().lines().skip(1).findFirst().orElseThrow()
                .endsWith(",3,1,2"));

        // the district sets its own number; another district keeps the default
        as("school-admin", "s999", "sa").get("/api/v1/compliance/county-events-requirement").then().statusCode(200)
                .body("events", equalTo(3));
        as("district-admin", null, "da").body(Map.of("events", 4)).put("/api/v1/compliance/county-events-requirement")
                .then().statusCode(200).body("events", equalTo(4));
        as("district-admin", null, "da").get("/api/v1/compliance?level=person&year=2026").then().statusCode(200)
                .body("items.find { it.personId == 'psy-999' }.requiredCountyEvents", equalTo(4))
                .body("items.find { it.personId == 'psy-999' }.countyEventsMet", equalTo(false));
        as("district-admin", null, "da").body(Map.of("events", 4)).put("/api/v1/compliance/county-events-requirement")
                .then().statusCode(200).body("events", equalTo(4)); // setting the same value again is harmless
        as("district-admin", null, "da").get("/api/v1/compliance?level=district&year=2026").then().statusCode(200)
                .body("requiredCountyEvents", equalTo(4)).body("countyEventsMet", equalTo(0))
                .body("countyEventsShortfall", equalTo(3));
        given().auth().oauth2(dir.inDistrict(DirectoryFixture.unique("district")).token("district-admin", null, "da"))
                .get("/api/v1/compliance/county-events-requirement").then().statusCode(200).body("events", equalTo(3));
        // validation and roles
        as("district-admin", null, "da").body(Map.of("events", -1)).put("/api/v1/compliance/county-events-requirement")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("events"));
        as("district-admin", null, "da").body(Map.of("events", 101)).put("/api/v1/compliance/county-events-requirement")
                .then().statusCode(400);
        as("district-admin", null, "da").body(Map.of("events", "three"))
                .put("/api/v1/compliance/county-events-requirement").then().statusCode(400);
        as("district-admin", null, "da").body(Map.of("count", 3)).put("/api/v1/compliance/county-events-requirement")
                .then().statusCode(400);
        as("school-admin", "s999", "sa").body(Map.of("events", 1)).put("/api/v1/compliance/county-events-requirement")
                .then().statusCode(403);
        // the person's own training record shows the count too
        as("district-admin", null, "da").get("/api/v1/training-records?personId=psy-999&year=2026").then()
                .statusCode(200).body("countyEvents", equalTo(3)).body("provincialConferences", equalTo(1));
    }

    private void credit(String person, String kind, String level, String date, String ref) {
        as("district-admin", null, "da").body(Map.of("personId", person, "kind", kind, "hours", 3, "date", date,
                "title", "Event " + ref, "eventLevel", level, "reference", ref))
                .post("/api/v1/training-records/credits").then().statusCode(201);
    }

    private static Map<String, Object> county(io.restassured.path.json.JsonPath people, String person) {
        Map<String, Object> row = people.getMap("items.find { it.personId == '" + person + "' }");
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("fullTime", row.get("fullTimePsychologyTeacher"));
        m.put("events", row.get("countyEvents"));
        m.put("required", row.get("requiredCountyEvents"));
        m.put("met", row.get("countyEventsMet"));
        return m;
    }

    @Test
    void scopeAndValidation() {
        as("school-admin", "s999", "sa").get("/api/v1/compliance?level=district").then().statusCode(403);
        as("school-admin", "s999", "sa").get("/api/v1/compliance?level=school&schoolId=s1000").then().statusCode(404);
        as("district-admin", null, "da").get("/api/v1/compliance?level=school&schoolId=nope").then().statusCode(404);
        as("district-admin", null, "da").get("/api/v1/compliance?level=galaxy").then().statusCode(400);
        as("district-admin", null, "da").get("/api/v1/compliance?format=xml").then().statusCode(400);
        as("district-admin", null, "da").get("/api/v1/compliance?year=20x6").then().statusCode(400);
        as("psychologist", "s999", "psy-999").get("/api/v1/compliance").then().statusCode(403);
        as("teacher", "s999", "ct-999").get("/api/v1/compliance").then().statusCode(403);
        given().get("/api/v1/compliance").then().statusCode(401);
    }
}
