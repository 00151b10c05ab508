package io.heartline.training.access;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.DirectoryFixture;
import io.heartline.training.support.DirectoryFixture.Role;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Scope is the pair (district, school), for every object read (and the one object write) of the directory and the
 * training records: the same call with the same role, the same sub and the same school id succeeds from the records'
 * own district and is a 404 from another district — so the refusal is the district, nothing else.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class ScopeMatrixTest {

    static final String SCHOOL = DirectoryFixture.unique("school");
    static final String CLASS = DirectoryFixture.unique("class");

    @Inject
    AgroalDataSource db;

    DirectoryFixture dir;

    @BeforeEach
    void seed() {
        dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        dir.school(SCHOOL, "No. 1").schoolClass(CLASS, SCHOOL, "7-1", "07", true)
                .student("st-1", SCHOOL, CLASS, LocalDate.of(2013, 3, 15), true)
                .staff("ct", "Class Teacher", SCHOOL, true, new Role("CLASS_TEACHER", SCHOOL, true, CLASS))
                .staff("psy", "Psychologist", SCHOOL, true, new Role("PSYCHOLOGY_TEACHER", SCHOOL, true))
                .staff("adm", "Principal", SCHOOL, true, new Role("SCHOOL_LEADER", SCHOOL, true))
                .guardian("g-1", "Mother", "mother@example.org", "+86 100 0001", true)
                .link("st-1", "g-1", "MOTHER");
    }

    /** role, sub (a person of the school), method, path, body, status from the records' own district. */
    static Stream<Arguments> calls() {
        Map<String, Object> reps = Map.of("studentIds", List.of("st-1"));
        return Stream.of(
                Arguments.of("psychologist", "psy", "GET", "/api/v1/students/st-1", null, 200),
                Arguments.of("teacher", "ct", "GET", "/api/v1/students/st-1", null, 200),
                Arguments.of("student", "st-1", "GET", "/api/v1/students/st-1", null, 200),
                Arguments.of("psychologist", "psy", "GET", "/api/v1/students/st-1/guardians", null, 200),
                Arguments.of("teacher", "ct", "GET", "/api/v1/students/st-1/guardians", null, 200),
                Arguments.of("school-admin", "adm", "GET", "/api/v1/staff/psy", null, 200),
                Arguments.of("psychologist", "psy", "GET", "/api/v1/staff/ct", null, 200),
                Arguments.of("school-admin", "adm", "GET", "/api/v1/staff?schoolId=" + SCHOOL, null, 200),
                Arguments.of("district-admin", "d-adm", "GET", "/api/v1/staff/psy", null, 200),
                Arguments.of("teacher", "ct", "GET", "/api/v1/schools/" + SCHOOL, null, 200),
                Arguments.of("teacher", "ct", "GET", "/api/v1/schools/" + SCHOOL + "/classes", null, 200),
                Arguments.of("district-admin", "d-adm", "GET", "/api/v1/schools/" + SCHOOL, null, 200),
                Arguments.of("teacher", "ct", "GET", "/api/v1/classes/" + CLASS, null, 200),
                Arguments.of("psychologist", "psy", "GET", "/api/v1/classes/" + CLASS, null, 200),
                Arguments.of("teacher", "ct", "PUT", "/api/v1/classes/" + CLASS + "/psychology-representatives", reps,
                        200),
                Arguments.of("school-admin", "adm", "GET", "/api/v1/training-records?personId=psy", null, 200),
                Arguments.of("staff", "psy", "GET", "/api/v1/training-records?personId=psy", null, 200),
                Arguments.of("school-admin", "adm", "GET", "/api/v1/certificates?personId=psy", null, 200));
    }

    @ParameterizedTest(name = "{0} {2} {3}: {5} at home, 404 from another district")
    @MethodSource("calls")
    void sameSchoolIdOtherDistrictIsNotFound(String role, String sub, String method, String path,
            Map<String, Object> body, int home) {
        String school = role.equals("district-admin") ? null : SCHOOL;
        Response own = call(dir.token(role, school, sub), method, path, body);
        assertEquals(home, own.statusCode(), "from the records' district: " + own.asString());

        DirectoryFixture elsewhere = dir.inDistrict(DirectoryFixture.unique("district"));
        Response foreign = call(elsewhere.token(role, school, sub), method, path, body);
        if (path.startsWith("/api/v1/staff?")) {
            // a list: the same school id in another district is an empty school
            assertEquals(200, foreign.statusCode(), foreign.asString());
            assertEquals(List.of(), foreign.jsonPath().getList("items"));
        } else {
            assertEquals(404, foreign.statusCode(), "from another district: " + foreign.asString());
            assertEquals("application/problem+json", foreign.contentType());
        }
    }

    private static Response call(String token, String method, String path, Map<String, Object> body) {
        var req = given().auth().oauth2(token).contentType("application/json");
        return body == null ? req.request(method, path) : req.body(body).request(method, path);
    }
}
