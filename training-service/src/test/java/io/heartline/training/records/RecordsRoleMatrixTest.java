package io.heartline.training.records;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.DirectoryFixture.Role;
import io.heartline.training.support.DirectoryFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Role × endpoint matrix of the training records. Each role calls as a person of the school: {@code staff} is the
 * programme's participant and the holder of the records read, {@code teacher} the programme's marker,
 * {@code psychologist} a colleague with no part in it. 401 without a token, 403 for a role that may never act, 404
 * for records outside what the caller may see.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class RecordsRoleMatrixTest {

    static final List<String> ROLES = List.of("none", "student", "staff", "teacher", "psychologist", "school-admin",
            "district-admin", "hr-sync");

    @Inject
    AgroalDataSource db;

    private DirectoryFixture dir;
    private final String school = DirectoryFixture.unique("school");

    private RequestSpecification as(String role) {
        RequestSpecification r = given().contentType(ContentType.JSON);
        if (role.equals("none")) {
            return r;
        }
        String claim = role.equals("district-admin") || role.equals("hr-sync") ? null : school;
        return r.auth().oauth2(dir.token(role, claim, "u-" + role));
    }

    private record Row(String method, String path, Object body, Map<String, Integer> expected) {
    }

    /** Expected statuses: the given ones, 401 for no token, 403 for every other role. */
    private static Map<String, Integer> expect(Object... roleStatus) {
        Map<String, Integer> m = new LinkedHashMap<>();
        ROLES.forEach(r -> m.put(r, r.equals("none") ? 401 : 403));
        for (int i = 0; i < roleStatus.length; i += 2) {
            m.put((String) roleStatus[i], (Integer) roleStatus[i + 1]);
        }
        return m;
    }

    private String programme() {
        return as("school-admin").body(Map.of("title", "Matrix", "hoursOffline", 2,
                "components", List.of(Map.of("code", "TEST", "weight", 100)), "markerIds", List.of("u-teacher")))
                .post("/api/v1/programmes").then().statusCode(201).extract().path("id");
    }

    @Test
    void everyRoleOnEveryEndpoint() {
        dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        dir.school(school, "No. 1");
        for (String r : List.of("staff", "teacher", "psychologist", "school-admin")) {
            dir.staff("u-" + r, "User " + r, school, true, new Role("CLASS_TEACHER", school, true));
        }
        String p = programme();
        as("school-admin").body(Map.of("personIds", List.of("u-staff"))).post("/api/v1/programmes/{id}/enrolments", p)
                .then().statusCode(200);
        String cert = as("district-admin").body(Map.of("personId", "u-staff", "kind", "QUALIFICATION_C"))
                .post("/api/v1/certificates").then().statusCode(201).extract().path("id");
        String code = as("district-admin").get("/api/v1/certificates/{id}", cert).then().extract().path("code");

        List<Row> rows = new ArrayList<>();
        rows.add(new Row("POST", "/api/v1/programmes", Map.of("title", "T", "hoursOnline", 1,
                "components", List.of(Map.of("code", "A", "weight", 100))),
                expect("school-admin", 201, "district-admin", 201)));
        rows.add(new Row("GET", "/api/v1/programmes", null, expect("school-admin", 200, "district-admin", 200)));
        Map<String, Integer> seeProgramme = expect("staff", 200, "teacher", 200, "psychologist", 404,
                "school-admin", 200, "district-admin", 200);
        rows.add(new Row("GET", "/api/v1/programmes/" + p, null, seeProgramme));
        rows.add(new Row("GET", "/api/v1/programmes/" + p + "/courses", null, seeProgramme));
        rows.add(new Row("GET", "/api/v1/programmes/" + p + "/results", null, seeProgramme));
        rows.add(new Row("POST", "/api/v1/programmes/" + p + "/courses", Map.of("mode", "ONLINE", "hours", 1),
                expect("school-admin", 201, "district-admin", 201)));
        rows.add(new Row("POST", "/api/v1/programmes/" + p + "/enrolments", Map.of("personIds", List.of("u-staff")),
                expect("school-admin", 200, "district-admin", 200)));
        Map<String, Integer> mark = expect("staff", 403, "teacher", 200, "psychologist", 404, "school-admin", 200,
                "district-admin", 200);
        rows.add(new Row("POST", "/api/v1/programmes/" + p + "/scores",
                Map.of("personId", "u-staff", "component", "TEST", "score", 70), mark));
        rows.add(new Row("POST", "/api/v1/programmes/" + p + "/attendance",
                Map.of("personId", "u-staff", "sessionId", "OFFLINE", "attended", true), mark));
        Map<String, Integer> records = expect("staff", 200, "teacher", 404, "psychologist", 404, "school-admin", 200,
                "district-admin", 200);
        rows.add(new Row("GET", "/api/v1/certificates?personId=u-staff", null, records));
        rows.add(new Row("GET", "/api/v1/certificates/" + cert, null, records));
        rows.add(new Row("GET", "/api/v1/certificates/" + cert + "/open-badge", null, records));
        rows.add(new Row("GET", "/api/v1/training-records?personId=u-staff", null, records));
        rows.add(new Row("POST", "/api/v1/certificates", Map.of("personId", "u-staff", "kind", "QUALIFICATION_C"),
                expect("district-admin", 201)));
        Map<String, Integer> verify = new LinkedHashMap<>();
        ROLES.forEach(r -> verify.put(r, 200));
        rows.add(new Row("GET", "/api/v1/certificates/verify/" + code, null, verify));
        rows.add(new Row("POST", "/api/v1/training-records/credits", Map.of("personId", "u-staff", "kind", "EXTERNAL",
                "hours", 1, "date", "2026-01-05", "title", "Workshop"), expect("school-admin", 201,
                "district-admin", 201)));
        rows.add(new Row("POST", "/api/v1/xapi/statements", null, expect("hr-sync", 200)));
        rows.add(new Row("GET", "/api/v1/compliance?level=school", null,
                expect("school-admin", 200, "district-admin", 200)));
        rows.add(new Row("GET", "/api/v1/compliance?level=district", null, expect("district-admin", 200)));
        rows.add(new Row("GET", "/api/v1/compliance/hours-requirements", null,
                expect("school-admin", 200, "district-admin", 200)));
        rows.add(new Row("PUT", "/api/v1/compliance/hours-requirements/OTHER", Map.of("hours", 1),
                expect("district-admin", 200)));
        rows.add(new Row("GET", "/api/v1/compliance/county-events-requirement", null,
                expect("school-admin", 200, "district-admin", 200)));
        rows.add(new Row("PUT", "/api/v1/compliance/county-events-requirement", Map.of("events", 3),
                expect("district-admin", 200)));

        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            for (String role : ROLES) {
                Object body = row.body();
                if (row.path().equals("/api/v1/xapi/statements")) {
                    body = Map.of("id", UUID.randomUUID().toString(), "actor", Map.of("account",
                            Map.of("homePage", "https://lms.example", "name", "u-staff")),
                            "verb", Map.of("id", "http://adlnet.gov/expapi/verbs/completed"),
                            "object", Map.of("id", "https://lms.example/c/1"), "result", Map.of("duration", "PT1H"));
                }
                RequestSpecification req = as(role);
                if (body != null) {
                    req = req.body(body);
                }
                int status = req.request(row.method(), row.path()).then().extract().statusCode();
                int want = row.expected().get(role);
                if (status != want) {
                    mismatches.add(row.method() + " " + row.path() + " as " + role + ": " + status + " (want " + want
                            + ")");
                }
            }
        }
        // Closing: organisers only (a fresh programme each, since a close is final); no other role ever closes.
        Map<String, Integer> close = expect("school-admin", 200, "district-admin", 200);
        for (String role : ROLES) {
            int status = as(role).post("/api/v1/programmes/{id}/close", programme()).then().extract().statusCode();
            if (status != close.get(role)) {
                mismatches.add("POST close as " + role + ": " + status + " (want " + close.get(role) + ")");
            }
        }
        // Revoking is final too: a fresh qualification each; only the district revokes qualifications (a school
        // admin who sees the holder gets 403, see CertificateApiTest for their own course certificates).
        Map<String, Integer> revoke = expect("district-admin", 200);
        for (String role : ROLES) {
            String fresh = as("district-admin").body(Map.of("personId", "u-staff", "kind", "QUALIFICATION_C"))
                    .post("/api/v1/certificates").then().statusCode(201).extract().path("id");
            int status = as(role).body(Map.of("reason", "ISSUED_IN_ERROR"))
                    .post("/api/v1/certificates/{id}/revoke", fresh).then().extract().statusCode();
            if (status != revoke.get(role)) {
                mismatches.add("POST revoke as " + role + ": " + status + " (want " + revoke.get(role) + ")");
            }
        }
        Assertions.assertEquals(List.of(), mismatches);
    }
}
