package io.heartline.referral.routing;

import static io.heartline.referral.support.Referrals.body;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.referral.support.DirectorySeed;
import io.heartline.platform.testsupport.Sql;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Routing rules over HTTP: who reads and replaces them, validation, the change history, and their effect. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class RoutingRulesApiTest {

    private final String district = Who.unique("district");
    private final String school = Who.unique("school");
    private final Who schoolAdmin = Who.of("school-admin", school, district);
    private final Who districtAdmin = Who.districtLevel("district-admin", district);

    @Inject
    AgroalDataSource db;
    @Inject
    RoutingRules rules;

    static Map<String, Object> rule(Map<String, String> match, String tier, String acceptWithin) {
        Map<String, Object> r = new HashMap<>();
        r.put("match", match);
        r.put("tier", tier);
        r.put("acceptWithin", acceptWithin);
        return r;
    }

    static Map<String, Object> rules(Object... rules) {
        return Map.of("rules", List.of(rules));
    }

    @Test
    void theSeededDefaultsAreTheDocumentedOnes() {
        assertEquals(DefaultRules.RULES, rules.districtSet(null).toRules());
        assertEquals(DefaultRules.RULES, rules.districtSet(Who.unique("district")).toRules());
    }

    @Test
    void aDistrictAdminSeesTheBuiltInDefaultsUntilTheDistrictHasItsOwn() {
        districtAdmin.req().get("/api/v1/routing-rules").then().statusCode(200)
                .body("scope", equalTo("DEFAULT"))
                .body("changedBy", equalTo("system"))
                .body("rules.size()", equalTo(5))
                .body("rules[0].match.riskLevel", equalTo("CRITICAL"))
                .body("rules[0].tier", equalTo("SCHOOL_CENTRE"))
                .body("rules[0].acceptWithin", equalTo("PT2H"))
                .body("rules[1].match.urgency", equalTo("EMERGENCY"))
                .body("rules[2].match.riskLevel", equalTo("HIGH"))
                .body("rules[2].acceptWithin", equalTo("PT24H"))
                .body("rules[3].tier", equalTo("SCHOOL_PSYCHOLOGIST"))
                .body("rules[3].acceptWithin", equalTo("PT48H"))
                .body("rules[4].tier", equalTo("CLASS_TEACHER"))
                .body("rules[4].acceptWithin", equalTo("PT72H"))
                .body("fallback.tier", equalTo("SCHOOL_PSYCHOLOGIST"))
                .body("fallback.acceptWithin", equalTo("PT24H"));
    }

    @Test
    void aSchoolAdminSeesTheSchoolsOverridesAndTheDistrictRulesAfterThem() {
        schoolAdmin.req().get("/api/v1/routing-rules").then().statusCode(200)
                .body("scope", equalTo("SCHOOL"))
                .body("scopeId", equalTo(school))
                .body("version", equalTo(0))
                .body("rules.size()", equalTo(0))
                .body("districtRules.scope", equalTo("DEFAULT"))
                .body("districtRules.rules.size()", equalTo(5));
    }

    @Test
    void invalidRuleSetsAre400ProblemsNamingTheRuleAndChangeNothing() {
        Response r = schoolAdmin.req().body(rules(
                rule(Map.of("riskLevel", "HIGH"), "SCHOOL_CENTRE", "PT24H"),
                rule(Map.of(), "PRINCIPAL", "PT24H"),
                rule(Map.of("riskLevel", "MODERATE"), "SCHOOL_PSYCHOLOGIST", "-PT1H"),
                rule(Map.of("riskLevel", "LOW"), "CLASS_TEACHER", "PT0S")))
                .put("/api/v1/routing-rules");
        r.then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("rules[1].tier", "rules[2].acceptWithin",
                        "rules[3].acceptWithin")))
                .body("detail", containsString("rules[1].tier"));

        schoolAdmin.req().body(rules(
                rule(Map.of("urgency", "EMERGENCY"), "SCHOOL_CENTRE", "PT2H"),
                rule(null, "SCHOOL_PSYCHOLOGIST", "PT24H"),
                rule(Map.of("riskLevel", "HIGH"), "SCHOOL_CENTRE", "PT24H")))
                .put("/api/v1/routing-rules").then().statusCode(400)
                .body("errors[0].field", equalTo("rules[2]"))
                .body("errors[0].message", containsString("rules[1]"));

        schoolAdmin.req().body(rules(
                rule(Map.of("riskLevel", "HIGH"), "SCHOOL_CENTRE", "PT24H"),
                rule(Map.of("riskLevel", "HIGH", "subjectType", "STAFF"), "DISTRICT_CENTRE", "PT2H")))
                .put("/api/v1/routing-rules").then().statusCode(400)
                .body("errors[0].field", equalTo("rules[1]"))
                .body("errors[0].message", containsString("unreachable"));

        schoolAdmin.req().body(Map.of()).put("/api/v1/routing-rules").then().statusCode(400)
                .body("errors[0].field", equalTo("rules"));
        schoolAdmin.req().body(Map.of("rules", List.of(), "scope", "DISTRICT")).put("/api/v1/routing-rules").then()
                .statusCode(400).contentType("application/problem+json");
        schoolAdmin.req().body(rules(Map.of("match", Map.of("mood", "LOW"), "tier", "CLASS_TEACHER",
                "acceptWithin", "PT1H"))).put("/api/v1/routing-rules").then().statusCode(400);
        schoolAdmin.req().get("/api/v1/routing-rules").then().statusCode(200).body("version", equalTo(0));
    }

    @Test
    void rulesThatWouldSendACriticalOrEmergencyReferralBelowAPsychologistOrSlowerThanTwoHoursAreRefused() {
        String otherDistrict = Who.unique("district");
        Who admin = Who.districtLevel("district-admin", otherDistrict);
        Who headOfSchool = Who.of("school-admin", Who.unique("school"), otherDistrict);
        record Case(Who who, Map<String, Object> body, String field) {
        }
        List<Case> cases = List.of(
                new Case(headOfSchool, rules(rule(Map.of("riskLevel", "CRITICAL"), "CLASS_TEACHER", "P30D")),
                        "rules[0].tier"),
                new Case(admin, rules(rule(Map.of("riskLevel", "CRITICAL"), "CLASS_TEACHER", "PT1H")),
                        "rules[0].tier"),
                new Case(headOfSchool, rules(rule(Map.of("riskLevel", "CRITICAL"), "SCHOOL_CENTRE", "PT2H"),
                        rule(Map.of("urgency", "EMERGENCY"), "SCHOOL_CENTRE", "P30D")), "rules[1].acceptWithin"),
                new Case(admin, rules(rule(Map.of(), "CLASS_TEACHER", "PT72H"),
                        rule(Map.of("riskLevel", "CRITICAL"), "SCHOOL_CENTRE", "PT2H")), "rules[0].tier"));
        for (Case c : cases) {
            c.who().req().body(c.body()).put("/api/v1/routing-rules").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo(c.field()))
                    .body("errors[0].message", containsString("psychologist at once"))
                    .body("detail", containsString(c.field()));
        }
        // nothing was stored: the district keeps the defaults and the school has no overrides
        admin.req().get("/api/v1/routing-rules").then().statusCode(200).body("scope", equalTo("DEFAULT"));
        headOfSchool.req().get("/api/v1/routing-rules").then().statusCode(200).body("version", equalTo(0));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM routing_rule_set WHERE scope_id = ?", otherDistrict));
        Who.of("psychologist", headOfSchool.school(), otherDistrict).req()
                .body(body(Who.unique("student"), "GUARDIAN", "EMERGENCY")).post("/api/v1/referrals").then()
                .statusCode(201).body("tier", equalTo("SCHOOL_CENTRE"));
    }

    @Test
    void aSchoolOverrideBeatsTheDistrictDefaultForThatSchoolOnly() {
        JsonPath saved = schoolAdmin.req().body(rules(
                rule(Map.of("source", "PEER", "urgency", "ROUTINE"), "CLASS_TEACHER", "PT12H")))
                .put("/api/v1/routing-rules").then().statusCode(200).extract().jsonPath();
        assertEquals(1, saved.getInt("version"));
        assertEquals(schoolAdmin.sub(), saved.getString("changedBy"));

        Who teacher = Who.of("teacher", school, district);
        String pupil = Who.unique("student");
        DirectorySeed.classWith(db, district, school, Who.unique("class"), List.of(teacher.sub()), pupil);
        Response here = teacher.req().body(body(pupil, "PEER", "ROUTINE")).post("/api/v1/referrals");
        here.then().statusCode(201).body("tier", equalTo("CLASS_TEACHER"));
        assertEquals(Duration.ofHours(12), Duration.between(Instant.parse(here.path("createdAt")),
                Instant.parse(here.path("dueAt"))));
        assertEquals("SCHOOL[0]", Sql.string(db, "SELECT routed_by FROM referral WHERE id = ?::uuid",
                here.<String>path("id")));
        // other referrals of the school still follow the district defaults
        teacher.req().body(body(Who.unique("student"), "PEER", "EMERGENCY")).post("/api/v1/referrals").then()
                .statusCode(201).body("tier", equalTo("SCHOOL_CENTRE"));

        Who elsewhere = Who.of("teacher", Who.unique("school"), district);
        elsewhere.req().body(body(Who.unique("student"), "PEER", "ROUTINE")).post("/api/v1/referrals").then()
                .statusCode(201).body("tier", equalTo("SCHOOL_PSYCHOLOGIST"));

        // an empty list removes the overrides again
        schoolAdmin.req().body(rules()).put("/api/v1/routing-rules").then().statusCode(200)
                .body("version", equalTo(2)).body("rules.size()", equalTo(0));
        teacher.req().body(body(Who.unique("student"), "PEER", "ROUTINE")).post("/api/v1/referrals").then()
                .statusCode(201).body("tier", equalTo("SCHOOL_PSYCHOLOGIST"));
    }

    @Test
    void theSameSchoolIdInAnotherDistrictNeitherSeesNorFollowsTheOverrides() {
        schoolAdmin.req().body(rules(
                rule(Map.of("source", "PEER", "urgency", "ROUTINE"), "CLASS_TEACHER", "PT12H")))
                .put("/api/v1/routing-rules").then().statusCode(200).body("version", equalTo(1));

        String otherDistrict = Who.unique("district");
        Who namesake = Who.of("school-admin", school, otherDistrict);
        namesake.req().get("/api/v1/routing-rules").then().statusCode(200)
                .body("scopeId", equalTo(school)).body("version", equalTo(0)).body("rules.size()", equalTo(0));
        namesake.req().get("/api/v1/routing-rules/history").then().statusCode(200).body("items.size()", equalTo(0));

        Who teacher = Who.of("teacher", school, otherDistrict);
        teacher.req().body(body(Who.unique("student"), "PEER", "ROUTINE")).post("/api/v1/referrals").then()
                .statusCode(201).body("tier", equalTo("SCHOOL_PSYCHOLOGIST"));

        // its own overrides are a separate history: version 1 there, and ours stays at 1
        namesake.req().body(rules(rule(Map.of("riskLevel", "LOW"), "CLASS_TEACHER", "PT24H")))
                .put("/api/v1/routing-rules").then().statusCode(200).body("version", equalTo(1));
        schoolAdmin.req().get("/api/v1/routing-rules").then().statusCode(200).body("version", equalTo(1))
                .body("rules[0].acceptWithin", equalTo("PT12H"));
    }

    @Test
    void aDistrictsOwnRulesReplaceTheBuiltInDefaultsForItsSchools() {
        String otherDistrict = Who.unique("district");
        Who admin = Who.districtLevel("district-admin", otherDistrict);
        admin.req().body(rules(
                rule(Map.of("urgency", "URGENT"), "SCHOOL_CENTRE", "PT6H"),
                rule(Map.of("riskLevel", "CRITICAL"), "DISTRICT_CENTRE", "PT1H")))
                .put("/api/v1/routing-rules").then().statusCode(200)
                .body("scope", equalTo("DISTRICT")).body("scopeId", equalTo(otherDistrict))
                .body("version", equalTo(1)).body("changedBy", equalTo(admin.sub()));
        Who psy = Who.of("psychologist", Who.unique("school"), otherDistrict);
        Response urgent = psy.req().body(body(Who.unique("student"), "GUARDIAN", "URGENT")).post("/api/v1/referrals");
        urgent.then().statusCode(201).body("tier", equalTo("SCHOOL_CENTRE"));
        assertEquals(Duration.ofHours(6), Duration.between(Instant.parse(urgent.path("createdAt")),
                Instant.parse(urgent.path("dueAt"))));
        // the school-admin of a school in that district sees the district's rules after its own
        Who.of("school-admin", Who.unique("school"), otherDistrict).req().get("/api/v1/routing-rules").then()
                .statusCode(200).body("districtRules.scope", equalTo("DISTRICT"))
                .body("districtRules.rules.size()", equalTo(2));
        // a school in another district keeps the defaults
        Who.of("psychologist", school, district).req().body(body(Who.unique("student"), "GUARDIAN", "URGENT"))
                .post("/api/v1/referrals").then().statusCode(201).body("tier", equalTo("SCHOOL_PSYCHOLOGIST"));
    }

    @Test
    void everyChangeIsKeptWithWhoAndWhen() {
        String mySchool = Who.unique("school");
        Who first = Who.of("school-admin", mySchool, district);
        Who second = Who.of("school-admin", mySchool, district);
        first.req().body(rules(rule(Map.of("source", "PEER", "urgency", "ROUTINE"), "SCHOOL_CENTRE", "PT8H")))
                .put("/api/v1/routing-rules").then().statusCode(200);
        second.req().body(rules(rule(Map.of("source", "GUARDIAN", "urgency", "URGENT"), "SCHOOL_CENTRE", "PT4H"),
                rule(Map.of("source", "PEER", "urgency", "ROUTINE"), "SCHOOL_CENTRE", "PT8H")))
                .put("/api/v1/routing-rules").then().statusCode(200);
        JsonPath history = first.req().get("/api/v1/routing-rules/history").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(List.of(2, 1), history.getList("items.version"));
        assertEquals(List.of(second.sub(), first.sub()), history.getList("items.changedBy"));
        assertEquals(2, history.getInt("items[0].rules.size()"));
        assertEquals(1, history.getInt("items[1].rules.size()"));
        assertEquals("GUARDIAN", history.getString("items[0].rules[0].match.source"));
        Instant v2 = Instant.parse(history.getString("items[0].changedAt"));
        Instant v1 = Instant.parse(history.getString("items[1].changedAt"));
        assertTrue(!v2.isBefore(v1));

        JsonPath page = first.req().queryParam("limit", 1).get("/api/v1/routing-rules/history").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(2), page.getList("items.version"));
        first.req().queryParam("limit", 1).queryParam("cursor", page.getString("nextCursor"))
                .get("/api/v1/routing-rules/history").then().statusCode(200)
                .body("items.version", equalTo(List.of(1))).body("nextCursor", equalTo(null));

        try {
            Sql.update(db, "UPDATE routing_rule SET tier = 'HOSPITAL'");
            throw new AssertionError("rule history must be append-only");
        } catch (IllegalStateException e) {
            assertTrue(e.getCause().getMessage().contains("append-only"));
        }
    }

    @Test
    void onlySchoolAndDistrictAdminsManageRules() {
        for (String role : List.of("teacher", "psychologist", "student", "staff", "hr-sync")) {
            Who who = Who.of(role, school, district);
            who.req().get("/api/v1/routing-rules").then().statusCode(403);
            who.req().body(rules()).put("/api/v1/routing-rules").then().statusCode(403);
            who.req().get("/api/v1/routing-rules/history").then().statusCode(403);
        }
        given().get("/api/v1/routing-rules").then().statusCode(401);
        given().contentType(ContentType.JSON).body(rules()).put("/api/v1/routing-rules").then().statusCode(401);
        // a school-admin token without a school cannot manage anyone's rules
        Who.of("school-admin", null, district).req().get("/api/v1/routing-rules").then().statusCode(403);
        schoolAdmin.req().body(rules()).put("/api/v1/routing-rules").then().statusCode(200)
                .body("rules.size()", equalTo(0));
    }
}
