package io.heartline.crisis.kpi;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class CrisisKpiTest {

    static final String DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");

    @Test
    void kpisPerSchoolWithSmallCellsSuppressed() {
        Who teacher = Who.of("teacher", SCHOOL, DISTRICT);
        Who psych = Who.of("psychologist", SCHOOL, DISTRICT);
        for (int i = 0; i < 6; i++) {
            UUID id = Crisis.openCase(teacher, Who.unique("student"));
            Crisis.act(psych, id, "contact", Crisis.contact(), 200);
        }
        Who.of("staff", SCHOOL, DISTRICT).req().body(Crisis.report(Who.unique("student"), "DEPARTMENT_HEAD",
                TestClock.now().minus(Duration.ofHours(1)), false)).post("/api/v1/crisis-reports").then().statusCode(201);
        LocalDate today = LocalDate.ofInstant(TestClock.now(), ZoneId.of("Asia/Shanghai"));
        String q = "/api/v1/crisis-kpis?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
        Who admin = Who.of("school-admin", SCHOOL, DISTRICT);
        admin.req().get(q).then().statusCode(200)
                .body("reportsByChannel.CLASS_TEACHER", equalTo(6))
                .body("reportsByChannel.DEPARTMENT_HEAD", equalTo("<5"))
                .body("casesOpened", equalTo(7))
                .body("casesByLevel.UNGRADED", equalTo(7))
                .body("firstContact.cases", equalTo(6))
                .body("firstContact.shareWithinTwoHours", equalTo(1.0f))
                .body("lateReports.late", equalTo("<5"))
                .body("reopenRate", equalTo(0.0f))
                .body("followUpAdherence", equalTo("<5"));
        // the district sees the same school, and the whole district
        Who district = Who.districtLevel("district-admin", DISTRICT);
        district.req().get(q + "&schoolId=" + SCHOOL).then().statusCode(200).body("casesOpened", equalTo(7));
        district.req().get(q).then().statusCode(200).body("schoolId", equalTo(null));
        // another school's figures are not the admin's to see; a district elsewhere sees nothing of these
        admin.req().get(q + "&schoolId=" + Who.unique("school")).then().statusCode(404);
        Who.districtLevel("district-admin", Who.unique("district")).req().get(q + "&schoolId=" + SCHOOL).then()
                .statusCode(200).body("casesOpened", equalTo(0));
        admin.req().get("/api/v1/crisis-kpis?from=2026-13-01&to=2026-01-01").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        admin.req().get("/api/v1/crisis-kpis?from=2026-02-01&to=2026-01-01").then().statusCode(400);
        Map.of();
    }
}
