package io.heartline.training.people;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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

/** Staff records: the school's admins and psychologists, district admins, and the person themself. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class StaffApiTest {

    @Inject
    AgroalDataSource db;

    private final String school = DirectoryFixture.unique("school");
    private final String otherSchool = DirectoryFixture.unique("school");
    private final String classA = DirectoryFixture.unique("class");
    private DirectoryFixture dir;

    @BeforeEach
    void seed() {
        dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        dir.school(school, "No. 1").school(otherSchool, "No. 2")
                .staff("e-1", "Li Wei", school, true, new Role("CLASS_TEACHER", school, true, classA),
                        new Role("GRADE_LEADER", otherSchool, false))
                .staff("e-2", "Zhang Min", school, true, new Role("PSYCHOLOGY_TEACHER", school, true))
                .staff("e-3", "Wang Fang", otherSchool, true, new Role("COUNSELLOR", otherSchool, false))
                .staff("e-4", "Gone", school, false, new Role("CLASS_TEACHER", school, true, classA))
                .student("st-1", school, classA, java.time.LocalDate.of(2012, 1, 1), true);
    }

    private RequestSpecification as(String role, String schoolClaim, String sub) {
        return given().auth().oauth2(dir.token(role, schoolClaim, sub));
    }

    @Test
    void aSchoolAdminReadsAStaffMemberWithTheRolesHeldAtTheirSchool() {
        as("school-admin", school, "adm").get("/api/v1/staff/{id}", "e-1").then().statusCode(200)
                .body("id", equalTo("e-1")).body("name", equalTo("Li Wei")).body("active", equalTo(true))
                .body("roles", hasSize(1))
                .body("roles[0].role", equalTo("CLASS_TEACHER")).body("roles[0].schoolId", equalTo(school))
                .body("roles[0].classIds", contains(classA)).body("roles[0].fullTime", equalTo(true));
    }

    @Test
    void aDistrictAdminSeesEveryRole() {
        as("district-admin", null, "d").get("/api/v1/staff/{id}", "e-1").then().statusCode(200)
                .body("roles.role", containsInAnyOrder("CLASS_TEACHER", "GRADE_LEADER"));
    }

    @Test
    void aPersonReadsThemselfWhateverTheirRole() {
        as("teacher", school, "e-1").get("/api/v1/staff/{id}", "e-1").then().statusCode(200)
                .body("roles", hasSize(2));
        as("staff", otherSchool, "e-3").get("/api/v1/staff/{id}", "e-3").then().statusCode(200)
                .body("name", equalTo("Wang Fang"));
    }

    @Test
    void aTeacherDoesNotReadColleagues() {
        as("teacher", school, "e-1").get("/api/v1/staff/{id}", "e-2").then().statusCode(404);
        as("teacher", school, "e-1").get("/api/v1/staff").then().statusCode(403);
    }

    @Test
    void theHrFeedAndStudentsMayNotReadPeoplesDetails() {
        as("hr-sync", null, "hr").get("/api/v1/staff/{id}", "e-1").then().statusCode(403)
                .contentType("application/problem+json");
        as("hr-sync", null, "hr").get("/api/v1/staff").then().statusCode(403);
        as("student", school, "st-1").get("/api/v1/staff/{id}", "e-1").then().statusCode(403);
    }

    @Test
    void withoutTokenIs401() {
        given().get("/api/v1/staff/{id}", "e-1").then().statusCode(401);
        given().get("/api/v1/staff").then().statusCode(401);
    }

    @Test
    void staffOfAnotherSchoolOrDistrictIsNotFound() {
        as("psychologist", school, "e-2").get("/api/v1/staff/{id}", "e-3").then().statusCode(404);
        as("school-admin", school, "adm").get("/api/v1/staff/{id}", "st-1").then().statusCode(404);
        DirectoryFixture elsewhere = dir.inDistrict(DirectoryFixture.unique("district"));
        given().auth().oauth2(elsewhere.token("school-admin", school, "adm")).get("/api/v1/staff/{id}", "e-1")
                .then().statusCode(404);
        given().auth().oauth2(elsewhere.token("district-admin", null, "d")).get("/api/v1/staff/{id}", "e-1")
                .then().statusCode(404);
    }

    @Test
    void aPsychologistListsTheActiveStaffOfTheirSchool() {
        as("psychologist", school, "e-2").get("/api/v1/staff").then().statusCode(200)
                .body("items.id", contains("e-1", "e-2")).body("nextCursor", nullValue());
        as("psychologist", school, "e-2").queryParam("schoolId", school).queryParam("role", "PSYCHOLOGY_TEACHER")
                .get("/api/v1/staff").then().statusCode(200).body("items.id", contains("e-2"));
    }

    @Test
    void aSchoolCallerListingAnotherSchoolGets404() {
        as("school-admin", school, "adm").queryParam("schoolId", otherSchool).get("/api/v1/staff").then()
                .statusCode(404);
    }

    @Test
    void anUnknownRoleCodeIs400() {
        as("school-admin", school, "adm").queryParam("role", "JANITOR").get("/api/v1/staff").then()
                .statusCode(400).body("errors[0].field", equalTo("role"));
    }

    @Test
    void aDistrictAdminListsTheDistrictPageByPage() {
        String next = as("district-admin", null, "d").queryParam("limit", 2).get("/api/v1/staff").then()
                .statusCode(200).body("items.id", contains("e-1", "e-2")).body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        as("district-admin", null, "d").queryParam("limit", 2).queryParam("cursor", next).get("/api/v1/staff")
                .then().statusCode(200).body("items.id", contains("e-3")).body("nextCursor", nullValue());
        as("district-admin", null, "d").queryParam("schoolId", otherSchool).get("/api/v1/staff").then()
                .statusCode(200).body("items.id", contains("e-1", "e-3"));
    }
}
