package io.heartline.crisis.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The role × endpoint matrix: a role that may never use an endpoint gets 403 before anything else; a role that may
 * gets past the role check (an empty body is then a 400, an unknown case a 404, a list a 200).
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class CrisisAccessMatrixTest {

    static final String DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");
    static final List<String> ROLES = List.of("student", "staff", "teacher", "psychologist", "school-admin",
            "district-admin", "hr-sync");
    static final Set<String> SCHOOL_STAFF = Set.of("staff", "teacher", "psychologist", "school-admin");

    record Endpoint(String method, String path, Set<String> allowed, int allowedStatus) {
    }

    static Stream<Arguments> matrix() {
        String c = "/api/v1/crisis-cases/" + UUID.randomUUID();
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/api/v1/crisis-reports",
                        Set.of("student", "staff", "teacher", "psychologist", "school-admin"), 400),
                new Endpoint("GET", "/api/v1/crisis-cases", Set.of("psychologist", "district-admin"), 200),
                new Endpoint("GET", c, Set.of("psychologist", "district-admin", "school-admin", "teacher", "staff"), 404),
                new Endpoint("POST", c + "/contact", Set.of("psychologist"), 400),
                new Endpoint("POST", c + "/triage", Set.of("psychologist"), 400),
                new Endpoint("POST", c + "/lead", Set.of("psychologist", "school-admin"), 400),
                new Endpoint("POST", c + "/team", Set.of("psychologist", "school-admin"), 400),
                new Endpoint("POST", c + "/watch-shifts", SCHOOL_STAFF, 400),
                new Endpoint("POST", c + "/actions", Set.of("psychologist"), 400),
                new Endpoint("POST", c + "/follow-up-plan", Set.of("psychologist"), 400),
                new Endpoint("POST", c + "/check-ins", Set.of("psychologist"), 400),
                new Endpoint("POST", c + "/close", Set.of("psychologist"), 400),
                new Endpoint("POST", c + "/reopen", Set.of("psychologist"), 400),
                new Endpoint("GET", "/api/v1/crisis-kpis", Set.of("school-admin", "district-admin"), 400),
                new Endpoint("GET", "/api/v1/crisis-tasks", SCHOOL_STAFF, 200),
                new Endpoint("POST", "/api/v1/crisis-tasks/" + UUID.randomUUID() + "/done", SCHOOL_STAFF, 404),
                new Endpoint("POST", "/api/v1/crisis-reports/ABCD-EFGH-JKLM/additions",
                        Set.of("student", "staff", "teacher", "psychologist", "school-admin"), 400),
                new Endpoint("GET", "/api/v1/audit", Set.of("school-admin", "district-admin"), 400));
        List<Arguments> out = new ArrayList<>();
        for (Endpoint e : endpoints) {
            for (String role : ROLES) {
                out.add(Arguments.of(role, e.method(), e.path(), e.allowed().contains(role) ? e.allowedStatus() : 403));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("matrix")
    void roleMatrix(String role, String method, String path, int expected) {
        Who who = role.equals("district-admin") ? Who.districtLevel(role, DISTRICT) : Who.of(role, SCHOOL, DISTRICT);
        var req = who.req();
        int status = method.equals("GET") ? req.get(path).statusCode() : req.body(Map.of()).post(path).statusCode();
        assertEquals(expected, status);
    }
}
