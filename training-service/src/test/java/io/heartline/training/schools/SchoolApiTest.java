package io.heartline.training.schools;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;

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

/** Schools and classes: counts for the school's staff and the district centre; student ids only where needed. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class SchoolApiTest {

    private static final LocalDate DOB = LocalDate.of(2012, 5, 1);

    @Inject
    AgroalDataSource db;

    private final String school = DirectoryFixture.unique("school");
    private final String otherSchool = DirectoryFixture.unique("school");
    private final String classA = DirectoryFixture.unique("class-a");
    private final String classB = DirectoryFixture.unique("class-b");
    private DirectoryFixture dir;

    @BeforeEach
    void seed() {
        dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        dir.school(school, "No. 1 Middle School").school(otherSchool, "No. 2 Middle School")
                .schoolClass(classA, school, "Grade 7 Class 1", "07", true)
                .schoolClass(classB, school, "Grade 7 Class 2", "07", true)
                .schoolClass(DirectoryFixture.unique("class-old"), school, "Closed class", "09", false)
                .student("s1", school, classA, DOB, true).student("s2", school, classA, DOB, true)
                .student("s3", school, classB, DOB, true).student("s-left", school, classA, DOB, false)
                .staff("t-a", "Teacher A", school, true, new Role("CLASS_TEACHER", school, true, classA))
                .staff("t-gone", "Former", school, false, new Role("CLASS_TEACHER", school, true, classB))
                .staff("p-full", "Psych Full", school, true, new Role("PSYCHOLOGY_TEACHER", school, true))
                .staff("p-part", "Psych Part", school, true, new Role("PSYCHOLOGY_TEACHER", school, false),
                        new Role("CLASS_TEACHER", school, false, classB))
                .staff("c-1", "Counsellor", school, true, new Role("COUNSELLOR", school, false))
                .staff("t-b", "Teacher B", school, true, new Role("GRADE_LEADER", school, true));
    }

    private RequestSpecification as(String role, String schoolClaim, String sub) {
        return given().auth().oauth2(dir.token(role, schoolClaim, sub));
    }

    @Test
    void theSchoolsStaffSeeItsCounts() {
        as("staff", school, "t-b").get("/api/v1/schools/{id}", school).then().statusCode(200)
                .body("id", equalTo(school)).body("name", equalTo("No. 1 Middle School"))
                .body("active", equalTo(true))
                .body("counts.students", equalTo(3))
                .body("counts.classes", equalTo(2))
                .body("counts.classTeachers", equalTo(2))
                .body("counts.psychologyStaff", equalTo(3))
                .body("counts.fullTimePsychologyTeachers", equalTo(1));
    }

    @Test
    void aDistrictAdminSeesEverySchoolOfTheDistrict() {
        as("district-admin", null, "d-1").get("/api/v1/schools/{id}", otherSchool).then().statusCode(200)
                .body("counts.students", equalTo(0));
    }

    @Test
    void withoutTokenIs401() {
        given().get("/api/v1/schools/{id}", school).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void studentsAndTheHrFeedMayNotReadSchools() {
        as("student", school, "s1").get("/api/v1/schools/{id}", school).then().statusCode(403);
        as("hr-sync", null, "hr").get("/api/v1/schools/{id}", school).then().statusCode(403);
        as("hr-sync", null, "hr").get("/api/v1/classes/{id}", classA).then().statusCode(403);
    }

    @Test
    void anotherSchoolIsNotFound() {
        as("school-admin", otherSchool, "a-2").get("/api/v1/schools/{id}", school).then().statusCode(404)
                .contentType("application/problem+json");
        as("school-admin", otherSchool, "a-2").get("/api/v1/schools/{id}/classes", school).then().statusCode(404);
        as("psychologist", otherSchool, "p-2").get("/api/v1/classes/{id}", classA).then().statusCode(404);
    }

    @Test
    void theSameSchoolIdInAnotherDistrictIsNotFound() {
        DirectoryFixture elsewhere = dir.inDistrict(DirectoryFixture.unique("district"));
        String token = elsewhere.token("school-admin", school, "a-x");
        given().auth().oauth2(token).get("/api/v1/schools/{id}", school).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/schools/{id}/classes", school).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/classes/{id}", classA).then().statusCode(404);
        given().auth().oauth2(elsewhere.token("district-admin", null, "d-x")).get("/api/v1/schools/{id}", school)
                .then().statusCode(404);
    }

    @Test
    void classesArePagedByClassIdWithCounts() {
        String next = as("teacher", school, "t-a").queryParam("limit", 2).get("/api/v1/schools/{id}/classes", school)
                .then().statusCode(200)
                .body("items.id", contains(classA, classB))
                .body("items[0].students", equalTo(2))
                .body("items[0].classTeacherIds", contains("t-a"))
                .body("items[1].classTeacherIds", contains("p-part"))
                .body("items[0]", not(hasKey("studentIds")))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as("teacher", school, "t-a").queryParam("limit", 2).queryParam("cursor", next)
                .get("/api/v1/schools/{id}/classes", school).then().statusCode(200)
                .body("items.title", contains("Closed class")).body("items[0].active", equalTo(false))
                .body("nextCursor", nullValue());
    }

    @Test
    void badPagingIs400() {
        as("teacher", school, "t-a").queryParam("limit", 0).get("/api/v1/schools/{id}/classes", school).then()
                .statusCode(400).body("errors[0].field", equalTo("limit"));
        as("teacher", school, "t-a").queryParam("cursor", "bm9wZQ").get("/api/v1/schools/{id}/classes", school)
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void theClassTeacherPsychologistsAndAdminsGetTheStudentIds() {
        as("teacher", school, "t-a").get("/api/v1/classes/{id}", classA).then().statusCode(200)
                .body("schoolId", equalTo(school)).body("title", equalTo("Grade 7 Class 1"))
                .body("grade", equalTo("07")).body("students", equalTo(2))
                .body("classTeacherIds", contains("t-a")).body("studentIds", contains("s1", "s2"));
        as("psychologist", school, "p-full").get("/api/v1/classes/{id}", classA).then().statusCode(200)
                .body("studentIds", contains("s1", "s2"));
        as("school-admin", school, "a-1").get("/api/v1/classes/{id}", classA).then().statusCode(200)
                .body("studentIds", contains("s1", "s2"));
    }

    @Test
    void otherReadersGetCountsWithoutStudentIds() {
        as("teacher", school, "t-b").get("/api/v1/classes/{id}", classA).then().statusCode(200)
                .body("students", equalTo(2)).body("$", not(hasKey("studentIds")));
        as("staff", school, "t-a").get("/api/v1/classes/{id}", classA).then().statusCode(200)
                .body("$", not(hasKey("studentIds")));
        as("district-admin", null, "d-1").get("/api/v1/classes/{id}", classA).then().statusCode(200)
                .body("$", not(hasKey("studentIds")));
    }

    @Test
    void anUnknownClassIsNotFound() {
        as("district-admin", null, "d-1").get("/api/v1/classes/{id}", "no-such-class").then().statusCode(404);
    }

    @Test
    void theClassTeacherAppointsPsychologyRepresentativesFromTheClass() {
        as("teacher", school, "t-a").contentType("application/json").body("{\"studentIds\": [\"s2\"]}")
                .put("/api/v1/classes/{id}/psychology-representatives", classA).then().statusCode(200)
                .body("psychologyRepresentativeIds", contains("s2"));
        as("psychologist", school, "p-full").get("/api/v1/classes/{id}", classA).then().statusCode(200)
                .body("psychologyRepresentativeIds", contains("s2"));
        as("staff", school, "t-b").get("/api/v1/classes/{id}", classA).then().statusCode(200)
                .body("psychologyRepresentativeIds", nullValue());
    }

    @Test
    void representativesMustBeActiveStudentsOfTheClassAndAppointedByItsTeacher() {
        as("psychologist", school, "p-full").contentType("application/json")
                .body("{\"studentIds\": [\"s1\", \"s3\", \"s-left\"]}")
                .put("/api/v1/classes/{id}/psychology-representatives", classA).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("studentIds[1]", "studentIds[2]"));
        as("teacher", school, "t-b").contentType("application/json").body("{\"studentIds\": [\"s1\"]}")
                .put("/api/v1/classes/{id}/psychology-representatives", classA).then().statusCode(403);
        as("psychologist", otherSchool, "p-2").contentType("application/json").body("{\"studentIds\": []}")
                .put("/api/v1/classes/{id}/psychology-representatives", classA).then().statusCode(404);
        as("psychologist", school, "p-full").get("/api/v1/classes/{id}", classA).then().statusCode(200)
                .body("psychologyRepresentativeIds", empty());
    }

    @Test
    void bodiesAboveTheJsonLimitAre413EvenThoughRosterUploadsMayBeLarger() {
        String big = "{\"studentIds\": [\"" + "x".repeat(300 * 1024) + "\"]}";
        as("psychologist", school, "p-full").contentType("application/json").body(big)
                .put("/api/v1/classes/{id}/psychology-representatives", classA).then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void numbersWhereStringsBelongAndNulCharactersAre400Problems() {
        as("psychologist", school, "p-full").contentType("application/json").body("{\"studentIds\": [12345]}")
                .put("/api/v1/classes/{id}/psychology-representatives", classA).then().statusCode(400)
                .contentType("application/problem+json");
        as("psychologist", school, "p-full").contentType("application/json").body("{\"studentIds\": [true]}")
                .put("/api/v1/classes/{id}/psychology-representatives", classA).then().statusCode(400)
                .contentType("application/problem+json");
        as("psychologist", school, "p-full").contentType("application/json")
                .body("{\"studentIds\": [\"s1\\u0000\"]}")
                .put("/api/v1/classes/{id}/psychology-representatives", classA).then().statusCode(400)
                .contentType("application/problem+json");
        as("psychologist", school, "p-full").urlEncodingEnabled(false).get("/api/v1/classes/a%00b").then()
                .statusCode(400).contentType("application/problem+json");
        as("psychologist", school, "p-full").urlEncodingEnabled(false).get("/api/v1/schools/" + school
                + "/classes?cursor=%00").then().statusCode(400).contentType("application/problem+json");
    }
}
