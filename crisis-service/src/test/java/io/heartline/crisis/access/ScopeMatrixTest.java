package io.heartline.crisis.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Scope is the pair (district, school): for each object read and write of a crisis case, a caller of the same role
 * and the same school id in another district is refused with 404 (or sees nothing in a list), while the same call
 * from the case's own (district, school) succeeds — so each refusal is the scope, not something else.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class ScopeMatrixTest {

    static final String DISTRICT = Who.unique("district");
    static final String OTHER_DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");

    UUID id;
    String receipt;
    final Who psych = Who.of("psychologist", SCHOOL, DISTRICT);

    @BeforeEach
    void anExtremeCase() {
        var r = Who.of("teacher", SCHOOL, DISTRICT).req()
                .body(Crisis.report(Who.unique("student"), "CLASS_TEACHER", TestClock.now(), false))
                .post("/api/v1/crisis-reports").then().statusCode(201).extract().jsonPath();
        id = UUID.fromString(r.getString("caseId"));
        receipt = r.getString("receiptCode");
        Crisis.act(psych, id, "contact", Crisis.contact(), 200);
        Crisis.act(psych, id, "triage", Crisis.triage(2, 2, 2, "EXTREME"), 200);
    }

    static Who foreign(String role) {
        return role.equals("district-admin") ? Who.districtLevel(role, OTHER_DISTRICT)
                : Who.of(role, SCHOOL, OTHER_DISTRICT);
    }

    static Who own(String role) {
        return role.equals("district-admin") ? Who.districtLevel(role, DISTRICT) : Who.of(role, SCHOOL, DISTRICT);
    }

    @Test
    void theCaseIsNotFoundFromTheSameSchoolIdInAnotherDistrict() {
        for (String role : List.of("psychologist", "district-admin")) {
            own(role).req().get("/api/v1/crisis-cases/" + id).then().statusCode(200);
            foreign(role).req().get("/api/v1/crisis-cases/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
        }
        for (String role : List.of("teacher", "staff", "school-admin")) {
            foreign(role).req().get("/api/v1/crisis-cases/" + id).then().statusCode(404);
        }
    }

    @Test
    void actionsOnTheCaseAreNotFoundFromAnotherDistrict() {
        Who foreignPsych = foreign("psychologist");
        Crisis.act(foreignPsych, id, "follow-up-plan", Map.of("weeks", 4), 404);
        Crisis.act(foreignPsych, id, "triage", Crisis.triage(1, 1, 1, null), 404);
        Crisis.act(foreignPsych, id, "contact", Crisis.contact(), 404);
        Crisis.act(foreign("school-admin"), id, "lead", Map.of("personId", psych.sub()), 404);
        Crisis.act(foreign("school-admin"), id, "team", Map.of("members", List.of(Map.of("role", "PRINCIPAL",
                "personId", "someone"))), 404);
        Crisis.act(foreignPsych, id, "close", Map.of("outcome", "RECOVERED", "review",
                Map.of("wentWell", "x", "toChange", "y")), 404);
        // the case did not move
        assertEquals("TRIAGED", Crisis.get(psych, id).getString("status"));
        assertEquals("EXTREME", Crisis.get(psych, id).getString("level"));
    }

    @Test
    void listsFromAnotherDistrictDoNotShowIt() {
        assertTrue(idsIn(own("psychologist"), "/api/v1/crisis-cases").contains(id.toString()));
        assertFalse(idsIn(foreign("psychologist"), "/api/v1/crisis-cases").contains(id.toString()));
        assertTrue(idsIn(own("district-admin"), "/api/v1/crisis-cases?level=EXTREME").contains(id.toString()));
        assertFalse(idsIn(foreign("district-admin"), "/api/v1/crisis-cases?level=EXTREME").contains(id.toString()));
    }

    @Test
    void reportAdditionsByReceiptCodeAreNotFoundFromAnotherDistrict() {
        Map<String, Object> addition = Map.of("note", Crisis.CANARY + " more", "indicators", List.of());
        foreign("teacher").req().body(addition).post("/api/v1/crisis-reports/" + receipt + "/additions").then()
                .statusCode(404);
        own("teacher").req().body(addition).post("/api/v1/crisis-reports/" + receipt + "/additions").then()
                .statusCode(201);
    }

    @Test
    void kpisOfTheSameSchoolIdInAnotherDistrictCountNothingOfIt() {
        String today = LocalDate.ofInstant(TestClock.now(), ZoneOffset.UTC).toString();
        String from = LocalDate.parse(today).minusDays(2).toString();
        String to = LocalDate.parse(today).plusDays(2).toString();
        String q = "/api/v1/crisis-kpis?from=" + from + "&to=" + to + "&schoolId=" + SCHOOL;
        Map<String, Object> mine = own("district-admin").req().get(q).then().statusCode(200).extract().path(
                "reportsByChannel");
        Map<String, Object> theirs = foreign("district-admin").req().get(q).then().statusCode(200).extract().path(
                "reportsByChannel");
        assertFalse(mine.isEmpty());
        assertTrue(theirs.isEmpty(), "another district's school of that id has no reports: " + theirs);
        Map<String, Object> foreignAdmin = foreign("school-admin").req()
                .get("/api/v1/crisis-kpis?from=" + from + "&to=" + to).then().statusCode(200).extract()
                .path("reportsByChannel");
        assertTrue(foreignAdmin.isEmpty());
    }

    private static List<String> idsIn(Who who, String path) {
        return who.req().get(path + (path.contains("?") ? "&" : "?") + "limit=200").then().statusCode(200).extract()
                .jsonPath().getList("items.id");
    }
}
