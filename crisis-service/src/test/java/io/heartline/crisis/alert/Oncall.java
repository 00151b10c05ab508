package io.heartline.crisis.alert;

import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.TestClock;
import io.heartline.crisis.support.Who;

/**
 * One district and school with an on-call set-up for alert tests: {@code onDuty} holds the school's rota (alone, so
 * always on duty), {@code head} is step 2 by person id, {@code districtOnDuty} holds the district centre's rota.
 */
record Oncall(String district, String school, Who onDuty, Who head, Who districtOnDuty, Who schoolAdmin,
        Who districtAdmin, Who teacher) {

    static Oncall create() {
        String district = Who.unique("district");
        String school = Who.unique("school");
        Oncall o = new Oncall(district, school, Who.of("psychologist", school, district),
                Who.of("psychologist", school, district), Who.districtLevel("psychologist", district),
                Who.of("school-admin", school, district), Who.districtLevel("district-admin", district),
                Who.of("teacher", school, district));
        o.schoolAdmin().req().body(Map.of("participants", List.of(o.onDuty().sub()), "shiftLength", "P1D"))
                .put("/api/v1/on-call/schedules/" + school).then().statusCode(200);
        o.districtAdmin().req().body(Map.of("participants", List.of(o.districtOnDuty().sub())))
                .put("/api/v1/on-call/schedules/" + district).then().statusCode(200);
        o.schoolAdmin().req().body(Map.of("steps", List.of(Map.of("target", "ON_CALL", "ackWithin", "PT1M"),
                Map.of("target", o.head().sub(), "ackWithin", "PT1M"),
                Map.of("target", "DISTRICT_ON_CALL", "ackWithin", "PT1M"))))
                .put("/api/v1/on-call/policies/" + school).then().statusCode(200).body("source", equalTo("CONFIGURED"));
        return o;
    }

    /** A harm report about a new person: raises a CRISIS_REPORT_HARM alert in the request; @return the case id. */
    UUID harmReport() {
        Map<String, Object> b = new HashMap<>();
        b.put("subjectId", Who.unique("student"));
        b.put("subjectType", "STUDENT");
        b.put("channel", "CLASS_TEACHER");
        b.put("indicators", new ArrayList<>(List.of("BEHAVIOUR_SELF_HARM_OR_HARM_TO_OTHERS", "EMOTION_LOW_MOOD")));
        b.put("noticedAt", TestClock.now().toString());
        b.put("anonymous", false);
        b.put("note", Crisis.CANARY + " said she would hurt herself");
        return UUID.fromString(teacher().req().body(b).post("/api/v1/crisis-reports").then().statusCode(201)
                .extract().path("caseId"));
    }
}
