package io.heartline.training.hours;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.DirectoryFixture.Role;
import io.heartline.training.support.DirectoryFixture;
import io.heartline.training.support.MovableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** hours-shortfall: from 1 November, once per person and year, only for those short of their requirement. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class HoursShortfallTest {

    @Inject
    AgroalDataSource db;
    @Inject
    MovableClock clock;
    @Inject
    HoursShortfall shortfall;

    private final EventTap tap = EventTap.of(Topics.TRAINING);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shortOfHoursFromTheNoticeDateOnceAYear() {
        DirectoryFixture dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        String school = DirectoryFixture.unique("school");
        dir.school(school, "No. 1")
                .staff("short", "Short", school, true, new Role("CLASS_TEACHER", school, true))
                .staff("done", "Done", school, true, new Role("PSYCHOLOGY_TEACHER", school, true))
                .staff("none", "No requirement", school, true, new Role("SCHOOL_DOCTOR", school, true));
        clock.moveTo(Instant.parse("2026-10-15T08:00:00Z"));
        given().auth().oauth2(dir.token("district-admin", null, "da")).contentType(ContentType.JSON)
                .body(Map.of("personId", "done", "kind", "EXTERNAL", "hours", 40, "date", "2026-03-01",
                        "title", "Summer school")).post("/api/v1/training-records/credits").then().statusCode(201);
        given().auth().oauth2(dir.token("district-admin", null, "da")).contentType(ContentType.JSON)
                .body(Map.of("personId", "short", "kind", "EXTERNAL", "hours", 4.5, "date", "2026-03-01",
                        "title", "Workshop")).post("/api/v1/training-records/credits").then().statusCode(201);
        shortfall.run();
        clock.moveTo(Instant.parse("2026-11-02T08:00:00Z"));
        shortfall.run();
        shortfall.run();
        List<EventTap.Seen> seen = tap.await(s -> dir.district.equals(s.data("district"))
                && Training.HOURS_SHORTFALL.equals(s.event().type()), 1, Duration.ofSeconds(30));
        assertEquals(1, seen.size());
        EventTap.Seen e = seen.get(0);
        assertEquals("short", e.key());
        assertEquals(List.of(), e.schemaProblems());
        assertEquals("2026", e.data("year"));
        assertEquals(10.0, e.event().data().get("requiredHours").asDouble());
        assertEquals(4.5, e.event().data().get("creditedHours").asDouble());
        assertEquals(List.of(), tap.matching(s -> dir.district.equals(s.data("district"))
                && Training.HOURS_SHORTFALL.equals(s.event().type()) && !"short".equals(s.key())));
    }
}
