package io.heartline.training.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.DirectoryFixture.Role;
import io.heartline.training.support.DirectoryFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Students and their guardians: the school's psychologists, the class teacher, the student themself. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class StudentApiTest {

    private static final LocalDate DOB = LocalDate.of(2013, 3, 15);

    @Inject
    AgroalDataSource db;

    private final String school = DirectoryFixture.unique("school");
    private final String otherSchool = DirectoryFixture.unique("school");
    private final String classA = DirectoryFixture.unique("class");
    private final String classB = DirectoryFixture.unique("class");
    private DirectoryFixture dir;

    @BeforeEach
    void seed() {
        dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        dir.school(school, "No. 1").school(otherSchool, "No. 2")
                .schoolClass(classA, school, "7-1", "07", true).schoolClass(classB, school, "7-2", "07", true)
                .student("st-1", school, classA, DOB, true)
                .student("st-2", school, classB, DOB, true)
                .staff("ct-a", "Class Teacher A", school, true, new Role("CLASS_TEACHER", school, true, classA))
                .staff("ct-b", "Class Teacher B", school, true, new Role("CLASS_TEACHER", school, true, classB))
                .staff("ct-old", "Former", school, false, new Role("CLASS_TEACHER", school, true, classA))
                .staff("psy", "Psychologist", school, true, new Role("PSYCHOLOGY_TEACHER", school, true))
                .guardian("g-1", "Mother", "mother@example.org", "+86 100 0001", true)
                .guardian("g-2", "Father", "father@example.org", "+86 100 0002", true)
                .guardian("g-old", "Former guardian", "old@example.org", null, false)
                .link("st-1", "g-1", "MOTHER").link("st-1", "g-2", "FATHER").link("st-1", "g-old", "OTHER");
    }

    private RequestSpecification as(String role, String schoolClaim, String sub) {
        return given().auth().oauth2(dir.token(role, schoolClaim, sub));
    }

    @Test
    void aPsychologistOfTheSchoolReadsTheStudent() {
        as("psychologist", school, "psy").get("/api/v1/students/{id}", "st-1").then().statusCode(200)
                .body("id", equalTo("st-1")).body("dateOfBirth", equalTo("2013-03-15"))
                .body("classId", equalTo(classA)).body("schoolId", equalTo(school)).body("active", equalTo(true))
                .body("guardianConsentRequiredUntil", equalTo("2027-03-14"))
                .body("$", not(hasKey("name")));
    }

    @Test
    void theClassTeacherReadsTheirStudentsOnly() {
        as("teacher", school, "ct-a").get("/api/v1/students/{id}", "st-1").then().statusCode(200)
                .body("classId", equalTo(classA));
        as("teacher", school, "ct-b").get("/api/v1/students/{id}", "st-1").then().statusCode(404);
        as("teacher", school, "ct-old").get("/api/v1/students/{id}", "st-1").then().statusCode(404);
    }

    @Test
    void aStudentReadsThemselfOnly() {
        as("student", school, "st-1").get("/api/v1/students/{id}", "st-1").then().statusCode(200)
                .body("id", equalTo("st-1"));
        as("student", school, "st-2").get("/api/v1/students/{id}", "st-1").then().statusCode(404);
    }

    @Test
    void rolesWithoutAReasonToReadStudentsAre403() {
        as("school-admin", school, "adm").get("/api/v1/students/{id}", "st-1").then().statusCode(403);
        as("district-admin", null, "d").get("/api/v1/students/{id}", "st-1").then().statusCode(403);
        as("staff", school, "ct-a").get("/api/v1/students/{id}", "st-1").then().statusCode(403);
        as("hr-sync", null, "hr").get("/api/v1/students/{id}", "st-1").then().statusCode(403);
        as("student", school, "st-1").get("/api/v1/students/{id}/guardians", "st-1").then().statusCode(403);
    }

    @Test
    void withoutTokenIs401() {
        given().get("/api/v1/students/{id}", "st-1").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/students/{id}/guardians", "st-1").then().statusCode(401);
    }

    @Test
    void studentsOfAnotherSchoolOrDistrictAreNotFound() {
        as("psychologist", otherSchool, "psy-2").get("/api/v1/students/{id}", "st-1").then().statusCode(404);
        as("psychologist", otherSchool, "psy-2").get("/api/v1/students/{id}/guardians", "st-1").then()
                .statusCode(404);
        DirectoryFixture elsewhere = dir.inDistrict(DirectoryFixture.unique("district"));
        String sameSchoolOtherDistrict = elsewhere.token("psychologist", school, "psy");
        given().auth().oauth2(sameSchoolOtherDistrict).get("/api/v1/students/{id}", "st-1").then().statusCode(404);
        given().auth().oauth2(sameSchoolOtherDistrict).get("/api/v1/students/{id}/guardians", "st-1").then()
                .statusCode(404);
        as("psychologist", school, "psy").get("/api/v1/students/{id}", "ct-a").then().statusCode(404);
    }

    @Test
    void aPsychologistGetsGuardiansContactsAndTheReadIsAudited() {
        as("psychologist", school, "psy").header("X-Request-Id", "req-guardians-1")
                .get("/api/v1/students/{id}/guardians", "st-1").then().statusCode(200)
                .body("items.id", contains("g-1", "g-2"))
                .body("items[0].name", equalTo("Mother")).body("items[0].relationship", equalTo("MOTHER"))
                .body("items[0].contact.email", equalTo("mother@example.org"))
                .body("items[0].contact.phone", equalTo("+86 100 0001"));
        assertEquals(List.of(
                "psy|psychologist|" + school + "|st-1|guardian-contact|g-1|GET /api/v1/students/{id}/guardians",
                "psy|psychologist|" + school + "|st-1|guardian-contact|g-2|GET /api/v1/students/{id}/guardians"),
                auditRows("st-1"));
    }

    @Test
    void theClassTeacherGetsGuardiansWithoutContactsAndNoAuditRow() {
        as("teacher", school, "ct-a").get("/api/v1/students/{id}/guardians", "st-1").then().statusCode(200)
                .body("items.id", contains("g-1", "g-2")).body("items[0].relationship", equalTo("MOTHER"))
                .body("items[0]", not(hasKey("contact")));
        as("teacher", school, "ct-b").get("/api/v1/students/{id}/guardians", "st-1").then().statusCode(404);
        assertEquals(List.of(), auditRows("st-1"));
    }

    private List<String> auditRows(String subject) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT actor, actor_role, school, subject_id, record_type, record_id, endpoint FROM audit_record
                WHERE district = ? AND subject_id = ? ORDER BY record_id""")) {
            ps.setString(1, dir.district);
            ps.setString(2, subject);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> cols = new ArrayList<>();
                    for (int i = 1; i <= 7; i++) {
                        cols.add(rs.getString(i));
                    }
                    rows.add(String.join("|", cols));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
