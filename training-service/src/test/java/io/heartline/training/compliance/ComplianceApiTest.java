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
        as("district-admin", null, "da").get("/api/v1/compliance?level=district&format=csv").then().statusCode(200)
                .body(startsWith("district,year,schools"));
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
