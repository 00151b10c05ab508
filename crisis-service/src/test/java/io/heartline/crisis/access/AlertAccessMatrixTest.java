package io.heartline.crisis.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.heartline.crisis.support.Who;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Role × endpoint for on-call and alerts: a role that may never use an endpoint gets 403; a role that may gets past
 * the role check (then its scope decides: 404 outside it, 400 for an empty body, 200 for a list). The stream's
 * allowed roles are covered by AlertStreamTest (an open stream does not end).
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class AlertAccessMatrixTest {

    static final String DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");
    static final List<String> ROLES = List.of("student", "staff", "teacher", "psychologist", "school-admin",
            "district-admin", "hr-sync");

    /** Expected status per role, in ROLES order. */
    record Endpoint(String method, String path, int... byRole) {
    }

    static Stream<Arguments> matrix() {
        String a = "/api/v1/alerts/" + UUID.randomUUID();
        List<Endpoint> endpoints = List.of(
                //                                                          stu  staff teach psych sadm dadm hr
                new Endpoint("GET", "/api/v1/on-call/schedules/" + SCHOOL, 403, 403, 403, 403, 404, 404, 403),
                new Endpoint("PUT", "/api/v1/on-call/schedules/" + SCHOOL, 403, 403, 403, 403, 400, 404, 403),
                new Endpoint("PUT", "/api/v1/on-call/schedules/" + DISTRICT, 403, 403, 403, 403, 404, 400, 403),
                new Endpoint("GET", "/api/v1/on-call/policies/" + SCHOOL, 403, 403, 403, 403, 200, 404, 403),
                new Endpoint("PUT", "/api/v1/on-call/policies/" + SCHOOL, 403, 403, 403, 403, 400, 404, 403),
                new Endpoint("GET", "/api/v1/on-call/policies/" + DISTRICT, 403, 403, 403, 403, 404, 200, 403),
                new Endpoint("GET", "/api/v1/on-call/now?schoolId=" + SCHOOL, 403, 200, 200, 200, 200, 200, 403),
                new Endpoint("GET", "/api/v1/alerts?mine=true", 403, 200, 200, 200, 200, 200, 403),
                new Endpoint("GET", "/api/v1/alerts?mine=false", 403, 403, 403, 403, 200, 200, 403),
                new Endpoint("POST", a + "/acknowledge", 403, 404, 404, 404, 404, 404, 403),
                new Endpoint("POST", a + "/resolve", 403, 400, 400, 400, 400, 400, 403),
                new Endpoint("GET", "/api/v1/alerts/stream?forbidden-only", 403, -1, -1, -1, -1, -1, 403));
        List<Arguments> out = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (int i = 0; i < ROLES.size(); i++) {
                if (e.byRole()[i] >= 0) {
                    out.add(Arguments.of(ROLES.get(i), e.method(), e.path(), e.byRole()[i]));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("matrix")
    void roleMatrix(String role, String method, String path, int expected) {
        Who who = role.equals("district-admin") ? Who.districtLevel(role, DISTRICT) : Who.of(role, SCHOOL, DISTRICT);
        var req = who.req();
        if (path.contains("/stream")) {
            req = req.accept("text/event-stream");
        }
        int status = switch (method) {
            case "GET" -> req.get(path).statusCode();
            case "PUT" -> req.body(Map.of()).put(path).statusCode();
            default -> req.body(Map.of()).post(path).statusCode();
        };
        assertEquals(expected, status);
    }
}
