package io.heartline.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Path globs and policy-file checks, table-driven. */
class PathPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "/api/v1/instruments/**, /api/v1/instruments, true",
            "/api/v1/instruments/**, /api/v1/instruments/, true",
            "/api/v1/instruments/**, /api/v1/instruments/PHQ-9/items/3, true",
            "/api/v1/instruments/**, /api/v1/instrumentsX, false",
            "/api/v1/instruments/**, /api/v1, false",
            "/api/v1/crisis-*/**, /api/v1/crisis-reports/r1, true",
            "/api/v1/crisis-*/**, /api/v1/crisis-, false",
            "/api/v1/crisis-*/**, /api/v1/crisis, false",
            "/api/v1/referrals, /api/v1/referrals, true",
            "/api/v1/referrals, /api/v1/referrals/r1, false",
            "/api/v1/referrals/*/*, /api/v1/referrals/r1/accept, true",
            "/api/v1/referrals/*/*, /api/v1/referrals/r1, false",
            "/api/v1/referrals/*/*, /api/v1/referrals/r1/accept/x, false",
            "/api/v1/courses/*/*/**, /api/v1/courses/c1, false",
            "/api/v1/courses/*/*/**, /api/v1/courses/c1/attempts/2, true",
    })
    void matches(String pattern, String path, boolean expected) {
        assertEquals(expected, PathPattern.of(pattern).matches(path));
    }

    @Test
    void badPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PathPattern.of("api/v1"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.of("/api/**/x"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.of("/api/*a*"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.of("/api//x"));
    }

    @Test
    void aPolicyWithUnknownRolesServicesOrMethodsDoesNotLoad() {
        Set<String> services = Set.of("screening");
        Set<String> limits = Set.of("default");
        String ok = "{\"routes\":[{\"service\":\"screening\",\"paths\":[\"/a/**\"],\"rules\":[{\"methods\":[\"GET\"],\"roles\":[\"student\"]}]}]}";
        assertEquals(1, RouteTable.parse(ok, services, limits).routes().size());
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(ok.replace("student", "studnet"), services, limits));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(ok.replace("\"screening\"", "\"nope\""), services, limits));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(ok.replace("GET", "TRACE"), services, limits));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(ok.replace("[\"student\"]", "[]"), services, limits));
        assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(
                ok.replace("\"paths\"", "\"bodyLimit\":\"huge\",\"paths\""), services, limits));
    }

    @Test
    void theShippedPolicyLoadsAndDeniesByDefault() {
        RouteTable table = RouteTable.load("heartline/gateway/policy.json",
                Set.of("screening", "referral", "crisis", "training"), Set.of("default", "roster-import"));
        String[] path = PathPattern.split("/api/v1/screenings/s1");
        Route route = table.route(path).orElseThrow();
        assertEquals("screening", route.service());
        assertTrue(route.allows("GET", path, Set.of("psychologist")));
        assertTrue(!route.allows("GET", path, Set.of("student", "teacher", "school-admin")));
        assertTrue(!route.allows("PATCH", path, Set.of("psychologist")), "no rule for PATCH: denied");
        assertTrue(table.route(PathPattern.split("/api/v1/elsewhere")).isEmpty());
    }
}
