package io.heartline.referral.access;

import static io.heartline.referral.support.Referrals.FREE_TEXT;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.referral.support.DirectorySeed;
import io.heartline.referral.support.Referrals;
import io.heartline.referral.support.Screenings;
import io.heartline.platform.testsupport.Sql;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The role x endpoint matrix over HTTP: 404 outside the caller's school or district, 403 for a role that may never
 * act, and the class teacher's need-to-know view.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class AccessMatrixTest {

    private static final String D1 = Who.unique("district");
    private static final String D2 = Who.unique("district");
    private static final String A = Who.unique("school");
    private static final String B = Who.unique("school");
    private static final String CLASS_A = Who.unique("class");
    private static final Map<String, Who> WHO = new LinkedHashMap<>();
    private static final Map<String, UUID> REFERRAL = new HashMap<>();
    private static UUID screeningId;

    static {
        WHO.put("teacherA1", Who.of("teacher", A, D1));
        WHO.put("teacherA2", Who.of("teacher", A, D1));
        WHO.put("teacherB", Who.of("teacher", B, D1));
        WHO.put("psychA", Who.of("psychologist", A, D1));
        WHO.put("psychB", Who.of("psychologist", B, D1));
        // The same school id in another district is another school.
        WHO.put("psychA_D2", Who.of("psychologist", A, D2));
        WHO.put("adminA_D2", Who.of("school-admin", A, D2));
        WHO.put("teacherA_D2", Who.of("teacher", A, D2));
        WHO.put("adminA", Who.of("school-admin", A, D1));
        WHO.put("adminB", Who.of("school-admin", B, D1));
        WHO.put("districtD1", Who.districtLevel("district-admin", D1));
        WHO.put("districtD2", Who.districtLevel("district-admin", D2));
        WHO.put("student", Who.of("student", A, D1));
        WHO.put("staff", Who.of("staff", A, D1));
        WHO.put("hrSync", Who.of("hr-sync", A, D1));
    }

    @Inject
    AgroalDataSource db;

    private static Who who(String name) {
        return WHO.get(name);
    }

    /**
     * Referrals of school A: T at CLASS_TEACHER (unassigned), T2 at CLASS_TEACHER assigned to teacherA2, P at
     * SCHOOL_PSYCHOLOGIST, D escalated to DISTRICT_CENTRE, S from a MODERATE screening routed to CLASS_TEACHER.
     */
    @BeforeEach
    synchronized void referrals() {
        if (!REFERRAL.isEmpty()) {
            return;
        }
        who("adminA").req().body(Map.of("rules", List.of(
                Map.of("match", Map.of("source", "PEER", "urgency", "ROUTINE"), "tier", "CLASS_TEACHER",
                        "acceptWithin", "PT72H"),
                Map.of("match", Map.of("riskLevel", "MODERATE"), "tier", "CLASS_TEACHER", "acceptWithin", "PT72H"))))
                .put("/api/v1/routing-rules").then().statusCode(200);
        // Every student here is in one class of school A taught by teacherA1 and teacherA2.
        List<String> students = List.of(Who.unique("student"), Who.unique("student"), Who.unique("student"));
        DirectorySeed.classWith(db, D1, A, CLASS_A, List.of(who("teacherA1").sub(), who("teacherA2").sub()),
                students.toArray(String[]::new));
        REFERRAL.put("T", Referrals.create(who("teacherA1"), students.get(0), "PEER", "ROUTINE"));
        UUID t2 = Referrals.create(who("psychA"), students.get(1), "PEER", "ROUTINE");
        Referrals.act(who("psychA"), t2, "assign", Map.of("assigneeId", who("teacherA2").sub()), 200);
        REFERRAL.put("T2", t2);
        REFERRAL.put("P", Referrals.create(who("psychA"), Who.unique("student"), "GUARDIAN", "ROUTINE"));
        UUID d = Referrals.create(who("psychA"), Who.unique("student"), "GUARDIAN", "ROUTINE");
        Referrals.act(who("psychA"), d, "escalate", Map.of("toTier", "DISTRICT_CENTRE"), 200);
        REFERRAL.put("D", d);
        screeningId = UUID.randomUUID();
        try (Screenings screenings = new Screenings()) {
            screenings.send(Screenings.flagged(students.get(2), A, D1, "MODERATE", screeningId,
                    "LOW_MOOD_MARKER"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Sql.count(db,
                "SELECT count(*) FROM referral WHERE screening_id = ?", screeningId) == 1);
        REFERRAL.put("S", UUID.fromString(Sql.string(db, "SELECT id::text FROM referral WHERE screening_id = ?",
                screeningId)));
    }

    // referral | caller | status of GET /api/v1/referrals/{id}
    private static final String READS = """
            T  | teacherA1  200 | teacherA2 200 | teacherB 404 | psychA 200 | psychB 404 | adminA 200 | adminB 404
            T  | districtD1 404 | districtD2 404 | student 403 | staff 403 | hrSync 403
            T  | psychA_D2 404 | adminA_D2 404 | teacherA_D2 404
            P  | psychA_D2 404 | adminA_D2 404
            S  | psychA_D2 404 | teacherA_D2 404
            T2 | teacherA1 404 | teacherA2 200 | psychA 200 | adminA 200
            P  | teacherA1 404 | teacherA2 404 | psychA 200 | psychB 404 | adminA 200 | adminB 404 | districtD1 404
            P  | student 403
            D  | teacherA1 404 | psychA 200 | psychB 404 | adminA 200 | districtD1 200 | districtD2 404
            S  | teacherA1 200 | teacherB 404 | psychA 200 | adminA 200 | districtD1 404
            """;

    @Test
    void readsAreScopedByRoleSchoolAndDistrict() {
        List<String> wrong = new ArrayList<>();
        for (String line : READS.strip().split("\n")) {
            String[] cells = line.split("\\|");
            UUID id = REFERRAL.get(cells[0].strip());
            for (int i = 1; i < cells.length; i++) {
                String[] pair = cells[i].strip().split("\\s+");
                int actual = who(pair[0]).req().get("/api/v1/referrals/" + id).statusCode();
                if (actual != Integer.parseInt(pair[1])) {
                    wrong.add(cells[0].strip() + "/" + pair[0] + ": " + actual + " instead of " + pair[1]);
                }
            }
        }
        assertEquals(List.of(), wrong);
        given().get("/api/v1/referrals/" + REFERRAL.get("T")).then().statusCode(401);
    }

    // referral | verb | caller status ... (checked before any successful change)
    private static final String ACTIONS = """
            T | accept   | psychA 403 | adminA 403 | teacherB 404 | districtD1 404 | student 403 | staff 403
            T | cancel   | teacherA1 403 | adminB 404 | psychB 404
            T | escalate | teacherB 404 | districtD1 404 | student 403
            P | accept   | teacherA1 404 | adminA 403 | psychB 404 | districtD1 404
            P | decline  | teacherA1 404 | adminA 403
            D | accept   | psychA 403 | adminA 403 | districtD2 404 | teacherA1 404
            D | escalate | adminA 403 | psychA 403 | districtD2 404
            D | cancel   | psychA 403 | adminA 403
            D | assign   | adminA 403 | districtD2 404
            """;

    @Test
    void actionsNeedTheTiersRoleInScope() {
        Map<String, Object> body = Map.of("reason", "because", "assigneeId", "someone");
        List<String> wrong = new ArrayList<>();
        for (String line : ACTIONS.strip().split("\n")) {
            String[] cells = line.split("\\|");
            UUID id = REFERRAL.get(cells[0].strip());
            String verb = cells[1].strip();
            for (int i = 2; i < cells.length; i++) {
                String[] pair = cells[i].strip().split("\\s+");
                var req = who(pair[0]).req();
                if (!verb.equals("accept")) {
                    req = req.body(verb.equals("assign") ? Map.of("assigneeId", "someone")
                            : verb.equals("escalate") ? Map.of() : Map.of("reason", body.get("reason")));
                }
                int actual = req.post("/api/v1/referrals/" + id + "/" + verb).statusCode();
                if (actual != Integer.parseInt(pair[1])) {
                    wrong.add(cells[0].strip() + " " + verb + " by " + pair[0] + ": " + actual + " not " + pair[1]);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(List.of(1L, 1L), List.of(
                Sql.count(db, "SELECT count(*) FROM referral_history WHERE referral_id = ?", REFERRAL.get("T")),
                Sql.count(db, "SELECT count(*) FROM referral_history WHERE referral_id = ?", REFERRAL.get("P"))),
                "refused actions left no trace");
    }

    @Test
    void listsShowOnlyWhatTheCallerMaySee() {
        Set<UUID> ours = new TreeSet<>(REFERRAL.values());
        assertEquals(ids("T", "S"), listed("teacherA1", ours));
        assertEquals(ids("T", "T2", "S"), listed("teacherA2", ours));
        assertEquals(ids(), listed("teacherB", ours));
        assertEquals(ids("T", "T2", "P", "D", "S"), listed("psychA", ours));
        assertEquals(ids("T", "T2", "P", "D", "S"), listed("adminA", ours));
        assertEquals(ids(), listed("psychB", ours));
        assertEquals(ids("D"), listed("districtD1", ours));
        assertEquals(ids(), listed("districtD2", ours));
        assertEquals(ids(), listed("psychA_D2", ours), "same school id, other district");
        assertEquals(ids(), listed("adminA_D2", ours));
        assertEquals(ids(), listed("teacherA_D2", ours));
        who("teacherA1").req().queryParam("tier", "SCHOOL_PSYCHOLOGIST").get("/api/v1/referrals").then()
                .statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        for (String role : List.of("student", "staff", "hrSync")) {
            who(role).req().get("/api/v1/referrals").then().statusCode(403);
        }
        List<Map<String, Object>> items = who("teacherA1").req().get("/api/v1/referrals").then().statusCode(200)
                .extract().jsonPath().getList("items");
        items.forEach(i -> assertEquals(TEACHER_FIELDS, new TreeSet<>(i.keySet())));
    }

    private static final Set<String> TEACHER_FIELDS = new TreeSet<>(Set.of("id", "subjectId", "tier", "status",
            "dueAt", "overdue", "assignee", "task", "createdAt"));

    @Test
    void aClassTeacherSeesWhoWhatAndByWhenButNoScoresFlagsOrNotes() {
        UUID s = REFERRAL.get("S");
        Map<String, Object> view = who("teacherA1").req().get("/api/v1/referrals/" + s).then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertEquals(TEACHER_FIELDS, new TreeSet<>(view.keySet()));
        assertEquals("CLASS_TEACHER", view.get("tier"));
        assertEquals("PENDING", view.get("status"));
        assertTrue(((String) view.get("task")).contains("check in"), (String) view.get("task"));
        String raw = who("teacherA1").req().get("/api/v1/referrals/" + s).asString();
        for (String secret : List.of("MODERATE", "LOW_MOOD_MARKER", screeningId.toString(), "riskLevel", "flags",
                "reason", "history", "SCREENING")) {
            assertFalse(raw.contains(secret), secret + " leaked into " + raw);
        }
        String manual = who("teacherA1").req().get("/api/v1/referrals/" + REFERRAL.get("T")).asString();
        assertFalse(manual.contains(FREE_TEXT), manual);
        // the psychologist sees it all (and the read is audited)
        who("psychA").req().get("/api/v1/referrals/" + s).then().statusCode(200)
                .body("riskLevel", org.hamcrest.Matchers.equalTo("MODERATE"))
                .body("flags[0]", org.hamcrest.Matchers.equalTo("LOW_MOOD_MARKER"));

        // Escalated past the teacher: their stage shows as handed on, without where or why; acting is a conflict.
        UUID t2 = REFERRAL.get("T2");
        Referrals.act(who("psychA"), t2, "escalate", Map.of("reason", FREE_TEXT + "disclosed self-harm"), 200);
        String after = who("teacherA2").req().get("/api/v1/referrals/" + t2).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ESCALATED"))
                .body("tier", org.hamcrest.Matchers.equalTo("CLASS_TEACHER"))
                .extract().asString();
        for (String secret : List.of(FREE_TEXT, "SCHOOL_PSYCHOLOGIST", "self-harm")) {
            assertFalse(after.contains(secret), secret + " leaked into " + after);
        }
        Referrals.conflict(who("teacherA2"), t2, "accept", null);
    }

    @Test
    void aTeacherAcceptingAClassTeacherStageMakesItTheirs() {
        String pupil = Who.unique("student");
        DirectorySeed.student(db, D1, A, CLASS_A, pupil);
        UUID t = Referrals.create(who("teacherA1"), pupil, "PEER", "ROUTINE");
        who("teacherA2").req().get("/api/v1/referrals/" + t).then().statusCode(200);
        Referrals.act(who("teacherA1"), t, "accept", 200);
        who("teacherA2").req().get("/api/v1/referrals/" + t).then().statusCode(404);
        who("teacherA2").req().post("/api/v1/referrals/" + t + "/start").then().statusCode(404);
        Referrals.act(who("teacherA1"), t, "start", 200);
        Referrals.act(who("teacherA1"), t, "complete", Map.of("outcome", "RESOLVED"), 200);
    }

    /** A staff referral (by hand, GUARDIAN, ROUTINE: routed to the school psychologist) about {@code subject}. */
    private static UUID staffReferral(Who by, Who subject) {
        Map<String, Object> body = Referrals.body(subject.sub(), "GUARDIAN", "ROUTINE");
        body.put("subjectType", "STAFF");
        return UUID.fromString(by.req().body(body).post("/api/v1/referrals").then().statusCode(201)
                .extract().path("id"));
    }

    @Test
    void nobodySeesListsOrMovesAReferralAboutThemselves() {
        Who psychA2 = Who.of("psychologist", A, D1);
        UUID aboutPsych = staffReferral(who("adminA"), who("psychA"));
        UUID aboutAdmin = staffReferral(who("psychA"), who("adminA"));

        // the subject: 404 as if out of scope, for reads and for every transition; not in their lists
        who("psychA").req().get("/api/v1/referrals/" + aboutPsych).then().statusCode(404)
                .contentType("application/problem+json");
        who("adminA").req().get("/api/v1/referrals/" + aboutAdmin).then().statusCode(404);
        for (String verb : List.of("accept", "start", "decline", "escalate", "cancel", "assign", "complete")) {
            Map<String, Object> body = switch (verb) {
                case "accept", "start" -> null;
                case "escalate" -> Map.of();
                case "assign" -> Map.of("assigneeId", who("psychA").sub());
                case "complete" -> Map.of("outcome", "RESOLVED");
                default -> Map.of("reason", "it is about me");
            };
            var req = who("psychA").req();
            assertEquals(404, (body == null ? req : req.body(body))
                    .post("/api/v1/referrals/" + aboutPsych + "/" + verb).statusCode(), "psychologist " + verb);
        }
        for (String verb : List.of("escalate", "cancel", "assign")) {
            Map<String, Object> body = verb.equals("escalate") ? Map.of()
                    : verb.equals("assign") ? Map.of("assigneeId", psychA2.sub()) : Map.of("reason", "about me");
            assertEquals(404, who("adminA").req().body(body).post("/api/v1/referrals/" + aboutAdmin + "/" + verb)
                    .statusCode(), "school-admin " + verb);
        }
        Set<UUID> both = new TreeSet<>(List.of(aboutPsych, aboutAdmin));
        assertEquals(new TreeSet<>(Set.of(aboutAdmin)), listed("psychA", both));
        assertEquals(new TreeSet<>(Set.of(aboutPsych)), listed("adminA", both));
        who("psychA").req().queryParam("subjectId", who("psychA").sub()).get("/api/v1/referrals").then()
                .statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(0));
        assertEquals(1L, Sql.count(db, "SELECT count(*) FROM referral_history WHERE referral_id = ?", aboutPsych),
                "the subject's attempts left no trace");
        assertEquals(0L, Sql.count(db, "SELECT count(*) FROM audit_record WHERE actor = ? AND record_id = ?",
                who("psychA").sub(), aboutPsych.toString()), "no read of their own record was served");

        // colleagues work it as usual: another psychologist in full, the school-admin in the standard view
        who("adminA").req().get("/api/v1/referrals/" + aboutPsych).then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.nullValue());
        Referrals.act(psychA2, aboutPsych, "accept", 200);
        who("psychA").req().get("/api/v1/referrals/" + aboutAdmin).then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.startsWith(Referrals.FREE_TEXT));

        // a district-admin who is the subject of a referral at the district centre
        Who districtSubject = Who.districtLevel("district-admin", D1);
        UUID aboutDistrict = staffReferral(who("psychA"), districtSubject);
        Referrals.act(who("psychA"), aboutDistrict, "escalate", Map.of("toTier", "DISTRICT_CENTRE"), 200);
        districtSubject.req().get("/api/v1/referrals/" + aboutDistrict).then().statusCode(404);
        assertEquals(404, districtSubject.req().post("/api/v1/referrals/" + aboutDistrict + "/accept").statusCode());
        assertEquals(Set.of(), listed(districtSubject, Set.of(aboutDistrict)));
        who("districtD1").req().get("/api/v1/referrals/" + aboutDistrict).then().statusCode(200);
        Referrals.act(who("districtD1"), aboutDistrict, "accept", 200);
    }

    private static Set<UUID> ids(String... names) {
        Set<UUID> ids = new TreeSet<>();
        for (String n : names) {
            ids.add(REFERRAL.get(n));
        }
        return ids;
    }

    private static Set<UUID> listed(String caller, Set<UUID> ours) {
        return listed(who(caller), ours);
    }

    private static Set<UUID> listed(Who caller, Set<UUID> ours) {
        List<String> listed = caller.req().queryParam("limit", 200).get("/api/v1/referrals").then()
                .statusCode(200).extract().jsonPath().getList("items.id");
        Set<UUID> ids = new TreeSet<>();
        listed.stream().map(UUID::fromString).filter(ours::contains).forEach(ids::add);
        return ids;
    }
}
