package io.heartline.screening.me;

import static io.heartline.screening.support.Api.answers;
import static io.heartline.screening.support.Api.as;
import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.submitted;
import static io.heartline.screening.support.Api.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.screening.support.Db;
import io.heartline.screening.support.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** GET /api/v1/me/screenings: a person's own results, trend and summary; nobody else's; roles; validation. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class OwnScreeningsTest {

    private static final String PATH = "/api/v1/me/screenings";

    @Inject
    AgroalDataSource db;

    private final String school = newSchool();
    private final String staff = newPerson("staff");
    private final String me = token(staff, school, "staff");

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private String monthly(String token, String at, int... values) {
        TestClock.pin(Instant.parse(at));
        return submitted(token, body("STAFF-MONTHLY", answers(values)));
    }

    @Test
    void staffSeesTheirOwnMonthlyResultsTrendAndAKindSummaryInChineseAndEnglish() {
        String sep = monthly(me, "2026-09-01T02:00:00Z", 4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        String oct = monthly(me, "2026-10-01T02:00:00Z", 3, 4, 4, 4, 4, 4, 4, 4, 4, 4);
        String nov = monthly(me, "2026-11-01T02:00:00Z", 2, 2, 3, 2, 3, 3, 3, 3, 3, 3); // mean 2.7: needs attention
        // Someone else at the same school, the same month: never shown to the caller.
        String colleague = monthly(token(newPerson("staff"), school, "staff"), "2026-11-01T03:00:00Z",
                1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        TestClock.reset();

        as(me).get(PATH + "?instrument=STAFF-MONTHLY").then().statusCode(200)
                .body("language", equalTo("zh-CN"))
                .body("items.id", contains(nov, oct, sep))
                .body("items.id", not(hasItem(colleague)))
                .body("items[0].instrument", equalTo("STAFF-MONTHLY"))
                .body("items[0].submittedAt", equalTo("2026-11-01T02:00:00Z"))
                .body("items[0].riskLevel", equalTo("MODERATE"))
                .body("items[0].reviewed", equalTo(false))
                .body("items[0].bandLabel", equalTo("需要关注（平均分低于 3）"))
                .body("items[2].riskLevel", equalTo("NONE"))
                .body("items[0].answers", nullValue())
                .body("items[0].subjectId", nullValue())
                .body("nextCursor", nullValue())
                .body("reports", hasSize(1))
                .body("reports[0].instrument", equalTo("STAFF-MONTHLY"))
                .body("reports[0].title", equalTo("教职工月度心理健康自评"))
                .body("reports[0].direction", equalTo("WORSENING"))
                .body("reports[0].trend.points.screeningId", contains(sep, oct, nov))
                .body("reports[0].latestRiskLevel", equalTo("MODERATE"))
                .body("reports[0].needsAttention", equalTo(true))
                .body("reports[0].lowestAreas.item", contains(1, 2, 4))
                .body("reports[0].lowestAreas[0].text", equalTo("我的情绪"))
                .body("reports[0].lowestAreas[0].label", equalTo("较差"))
                .body("reports[0].summary", containsString("本月"))
                .body("reports[0].summary", containsString("「我的睡眠」"))
                .body("reports[0].summary", containsString("心理老师"));

        as(me).get(PATH + "?instrument=STAFF-MONTHLY&lang=en").then().statusCode(200)
                .body("language", equalTo("en"))
                .body("items[0].bandLabel", equalTo("Needs attention (mean below 3)"))
                .body("reports[0].title", equalTo("Staff monthly well-being self-assessment"))
                .body("reports[0].lowestAreas[0].text", equalTo("My mood"))
                .body("reports[0].lowestAreas[0].label", equalTo("Poor"))
                .body("reports[0].summary", containsString("This month"))
                .body("reports[0].summary", containsString("My sleep"))
                .body("reports[0].summary", containsString("psychology teacher"));
        as(me).header("Accept-Language", "en-US,en;q=0.9").get(PATH).then().statusCode(200)
                .body("language", equalTo("en"));

        // Pages of the list; the reports do not depend on the page.
        String cursor = as(me).get(PATH + "?instrument=STAFF-MONTHLY&limit=2").then().statusCode(200)
                .body("items.id", contains(nov, oct)).body("nextCursor", notNullValue())
                .body("reports", hasSize(1)).extract().path("nextCursor");
        as(me).get(PATH + "?instrument=STAFF-MONTHLY&limit=2&cursor=" + cursor).then().statusCode(200)
                .body("items.id", contains(sep)).body("nextCursor", nullValue());

        // Reading one's own results is not a read by someone else: no audit rows.
        assertEquals(0, Db.auditRows(db, nov));
        assertEquals(0, Db.auditRows(db, sep));
    }

    @Test
    void allInstrumentsWhenNoneIsAskedAndAnImprovingTrendIsWordedAsSuch() {
        String first = monthly(me, "2026-09-01T02:00:00Z", 2, 2, 2, 2, 3, 3, 3, 3, 3, 3);
        String second = monthly(me, "2026-10-01T02:00:00Z", 4, 4, 4, 4, 4, 4, 4, 4, 4, 5);
        TestClock.pin(Instant.parse("2026-10-02T02:00:00Z"));
        String who = submitted(me, body("WHO-5", answers(4, 4, 4, 4, 4)));
        TestClock.reset();

        as(me).get(PATH + "?lang=zh-CN").then().statusCode(200)
                .body("items.id", contains(who, second, first))
                .body("reports.instrument", containsInAnyOrder("STAFF-MONTHLY", "WHO-5"));
        as(me).get(PATH + "?instrument=STAFF-MONTHLY&lang=en").then().statusCode(200)
                .body("reports[0].direction", equalTo("IMPROVING"))
                .body("reports[0].needsAttention", equalTo(false))
                .body("reports[0].lowestAreas.item", contains(1, 2, 3))
                .body("reports[0].summary", containsString("looking better"))
                .body("reports[0].summary", containsString("doing well"));
    }

    @Test
    void theReviewedLevelIsShownWhenAPsychologistReviewedTheResult() {
        String id = monthly(me, "2026-09-01T02:00:00Z", 2, 2, 3, 2, 3, 3, 3, 3, 3, 3); // MODERATE computed
        TestClock.reset();
        as(token(newPerson("psy"), school, "psychologist"))
                .body(Map.of("decision", "LOWER", "riskLevel", "LOW", "reasonCode", "INTERVIEW_FINDINGS"))
                .post("/api/v1/screenings/" + id + "/review").then().statusCode(200);
        as(me).get(PATH + "?instrument=STAFF-MONTHLY").then().statusCode(200)
                .body("items[0].id", equalTo(id))
                .body("items[0].riskLevel", equalTo("LOW"))
                .body("items[0].reviewed", equalTo(true))
                .body("reports[0].direction", equalTo("SINGLE_RESULT"))
                .body("reports[0].latestRiskLevel", equalTo("LOW"))
                .body("reports[0].needsAttention", equalTo(false));
    }

    @Test
    void onlyTheCallersOwnResultsEverAppear() {
        String other = newPerson("staff");
        String theirs = monthly(token(other, school, "staff"), "2026-09-01T02:00:00Z", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        // The same person id at another school is not this caller's record at this school.
        String elsewhere = monthly(token(staff, newSchool(), "staff"), "2026-09-02T02:00:00Z",
                3, 3, 3, 3, 3, 3, 3, 3, 3, 3);
        TestClock.reset();
        as(me).get(PATH).then().statusCode(200).body("items", empty()).body("reports", empty());
        String mine = submitted(me, body("STAFF-MONTHLY", answers(4, 4, 4, 4, 4, 4, 4, 4, 4, 4)));
        as(me).get(PATH).then().statusCode(200).body("items.id", contains(mine))
                .body("items.id", not(hasItem(theirs))).body("items.id", not(hasItem(elsewhere)));
        // Results others entered about the caller are not served here: an observer form by a teacher, a form a
        // psychologist filled in on the caller's behalf (theirs to talk through with the person).
        String student = newPerson("student");
        String observed = submitted(token(newPerson("teacher"), school, "teacher"),
                body("TEACHER-OBS", answers(0, 0, 0, 0, 0, 0, 0, 0, 1, 0), "subjectId", student));
        as(token(student, school, "student")).get(PATH).then().statusCode(200)
                .body("items.id", not(hasItem(observed))).body("items", empty()).body("reports", empty());
        String onBehalf = submitted(token(newPerson("psy"), school, "psychologist"),
                body("STAFF-MONTHLY", answers(2, 2, 2, 2, 2, 2, 2, 2, 2, 2), "subjectId", staff));
        as(me).get(PATH).then().statusCode(200).body("items.id", contains(mine))
                .body("items.id", not(hasItem(onBehalf))).body("reports", hasSize(1))
                .body("reports[0].trend.points.screeningId", contains(mine));
        // No parameter names anyone else: a subjectId is ignored.
        as(me).get(PATH + "?subjectId=" + other).then().statusCode(200).body("items.id", contains(mine));
    }

    @Test
    void studentsAndTeachersReadTheirOwn() {
        String student = newPerson("student");
        String st = token(student, school, "student");
        String id = submitted(st, body("GAD-7", answers(0, 0, 0, 0, 0, 0, 0)));
        as(st).get(PATH).then().statusCode(200).body("items.id", contains(id))
                .body("reports[0].instrument", equalTo("GAD-7"))
                .body("reports[0].lowestAreas", empty())
                .body("reports[0].summary", containsString("心理老师"));
        as(token(newPerson("teacher"), school, "teacher")).get(PATH).then().statusCode(200).body("items", empty());
    }

    @Test
    void anonymousIs401AndRolesWithTheWorklistOrArchiveAre403() {
        given().get(PATH).then().statusCode(401);
        for (String role : new String[] { "psychologist", "school-admin", "district-admin", "hr-sync" }) {
            as(token(newPerson(role), school, role)).get(PATH).then().statusCode(403);
        }
    }

    @Test
    void unknownInstrumentOrLanguageIs400ProblemJson() {
        as(me).get(PATH + "?instrument=NOPE").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("instrument"));
        as(me).get(PATH + "?lang=fr").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("lang"));
        as(me).get(PATH + "?limit=0").then().statusCode(400).contentType("application/problem+json");
    }
}
