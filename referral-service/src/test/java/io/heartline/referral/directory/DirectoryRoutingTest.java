package io.heartline.referral.directory;

import static io.heartline.referral.support.Referrals.body;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventSamples;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.referral.support.DirectoryEvents;
import io.heartline.referral.support.Referrals;
import io.heartline.referral.support.Screenings;
import io.heartline.platform.testsupport.Sql;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Routing and access from the directory's events: a class-teacher referral goes to the student's own class teacher
 * (two classes, two teachers), follows a move, skips a tier nobody holds, and an assignee must hold the tier's role.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class DirectoryRoutingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;

    private final String district = Who.unique("district");
    private final String school = Who.unique("school");
    private final Who admin = Who.of("school-admin", school, district);
    private final Who psych = Who.of("psychologist", school, district);
    private final Who teacher1 = Who.of("teacher", school, district);
    private final Who teacher2 = Who.of("teacher", school, district);

    private void peerReferralsGoToTheClassTeacher() {
        admin.req().body(Map.of("rules", List.of(Map.of("match", Map.of("source", "PEER", "urgency", "ROUTINE"),
                "tier", "CLASS_TEACHER", "acceptWithin", "PT72H")))).put("/api/v1/routing-rules").then()
                .statusCode(200);
    }

    private void awaitProjection(String sql, long count) {
        await().atMost(PATIENCE).until(() -> Sql.count(db, sql, district) == count);
    }

    @Test
    void aClassTeacherReferralReachesOnlyThatStudentsClassTeacher() {
        peerReferralsGoToTheClassTeacher();
        String k1 = Who.unique("student");
        String k2 = Who.unique("student");
        try (DirectoryEvents dir = new DirectoryEvents(district, school)) {
            dir.classTeachers("c1", teacher1.sub()).classTeachers("c2", teacher2.sub()).student(k1, "c1")
                    .student(k2, "c2");
        }
        awaitProjection("SELECT count(*) FROM directory_class WHERE district = ?", 2);
        awaitProjection("SELECT count(*) FROM directory_student WHERE district = ? AND class_id IS NOT NULL", 2);

        UUID r1 = Referrals.create(psych, k1, "PEER", "ROUTINE");
        UUID r2 = Referrals.create(psych, k2, "PEER", "ROUTINE");
        assertEquals("CLASS_TEACHER", Referrals.get(psych, r1).getString("tier"));
        teacher1.req().get("/api/v1/referrals/" + r1).then().statusCode(200);
        teacher2.req().get("/api/v1/referrals/" + r1).then().statusCode(404);
        teacher2.req().get("/api/v1/referrals/" + r2).then().statusCode(200);
        assertEquals(List.of(r1.toString()), listed(teacher1));
        assertEquals(List.of(r2.toString()), listed(teacher2));
        teacher2.req().post("/api/v1/referrals/" + r1 + "/accept").then().statusCode(404);
        Referrals.act(teacher1, r1, "accept", 200);

        // After a move, the next referral goes to the new class's teacher.
        try (DirectoryEvents dir = new DirectoryEvents(district, school)) {
            dir.moved(k1, "c1", "c2");
        }
        awaitProjection("SELECT count(*) FROM directory_student WHERE district = ? AND class_id = 'c2'", 2);
        UUID r3 = Referrals.create(psych, k1, "PEER", "ROUTINE");
        teacher2.req().get("/api/v1/referrals/" + r3).then().statusCode(200);
        teacher1.req().get("/api/v1/referrals/" + r3).then().statusCode(404);
    }

    @Test
    void aStudentWithoutAKnownClassTeacherGoesOneTierUpSayingWhy() {
        peerReferralsGoToTheClassTeacher();
        JsonPath r = psych.req().body(body(Who.unique("student"), "PEER", "ROUTINE")).post("/api/v1/referrals")
                .then().statusCode(201).body("tier", equalTo("SCHOOL_PSYCHOLOGIST")).extract().jsonPath();
        assertEquals("SCHOOL[0]+NO_CLASS_TEACHER", Sql.string(db, "SELECT routed_by FROM referral WHERE id = ?::uuid",
                r.getString("id")));
        teacher1.req().get("/api/v1/referrals/" + r.getString("id")).then().statusCode(404);
    }

    @Test
    void aSchoolWhoseStaffHasNoPsychologistSendsThatTiersReferralsToTheCentre() {
        try (DirectoryEvents dir = new DirectoryEvents(district, school)) {
            dir.staff(Who.unique("staff"), "OTHER");
        }
        awaitProjection("SELECT count(*) FROM directory_staff_role WHERE district = ?", 1);
        psych.req().body(body(Who.unique("student"), "GUARDIAN", "ROUTINE")).post("/api/v1/referrals").then()
                .statusCode(201).body("tier", equalTo("SCHOOL_CENTRE"));
    }

    @Test
    void anAssigneeMustHoldTheTiersRoleInTheDirectory() {
        String doctor = Who.unique("staff");
        try (DirectoryEvents dir = new DirectoryEvents(district, school)) {
            dir.staff(psych.sub(), "PSYCHOLOGY_TEACHER").staff(doctor, "SCHOOL_DOCTOR");
        }
        awaitProjection("SELECT count(*) FROM directory_staff_role WHERE district = ?", 2);
        UUID r = Referrals.create(psych, Who.unique("student"), "GUARDIAN", "ROUTINE");
        psych.req().body(Map.of("assigneeId", doctor)).post("/api/v1/referrals/" + r + "/assign").then()
                .statusCode(409).contentType("application/problem+json").body("reason", equalTo("ASSIGNEE_NOT_IN_ROLE"));
        Referrals.act(psych, r, "assign", Map.of("assigneeId", psych.sub()), 200);
    }

    @Test
    void aResultRaisedToLowByReviewReachesTheClassTeacherOnce() {
        String kid = Who.unique("student");
        try (DirectoryEvents dir = new DirectoryEvents(district, school)) {
            dir.classTeachers("c9", teacher1.sub()).student(kid, "c9");
        }
        awaitProjection("SELECT count(*) FROM directory_student WHERE district = ? AND class_id = 'c9'", 1);
        UUID raised = UUID.randomUUID();
        UUID lowered = UUID.randomUUID();
        try (Screenings screenings = new Screenings()) {
            screenings.send(reviewed(kid, raised, "NONE", "LOW", "RAISE"));
            screenings.send(reviewed(kid, raised, "NONE", "LOW", "RAISE")); // the same fact again, new event id
            screenings.send(reviewed(kid, lowered, "MODERATE", "LOW", "LOWER"));
        }
        await().atMost(PATIENCE).until(() -> Sql.count(db, "SELECT count(*) FROM referral WHERE screening_id = ?",
                raised) == 1);
        UUID id = UUID.fromString(Sql.string(db, "SELECT id::text FROM referral WHERE screening_id = ?", raised));
        assertEquals("CLASS_TEACHER", Referrals.get(psych, id).getString("tier"), "LOW goes to the class teacher");
        teacher1.req().get("/api/v1/referrals/" + id).then().statusCode(200);
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM referral WHERE screening_id = ?", lowered),
                "a lowered level opens nothing");
    }

    private OutgoingEvent reviewed(String subject, UUID screeningId, String computed, String level, String decision) {
        ObjectNode d = EventSamples.data(EventTypes.Screening.REVIEWED).put("subjectId", subject)
                .put("subjectType", "STUDENT").put("screeningId", screeningId.toString())
                .put("computedRiskLevel", computed).put("riskLevel", level).put("decision", decision)
                .put("reasonCode", "CLINICAL_JUDGEMENT");
        return EventBuilder.from("screening").type(EventTypes.Screening.REVIEWED).subject(subject).school(school)
                .district(district).data(d).build();
    }

    private static List<String> listed(Who who) {
        return who.req().get("/api/v1/referrals").then().statusCode(200).extract().jsonPath().getList("items.id");
    }
}
