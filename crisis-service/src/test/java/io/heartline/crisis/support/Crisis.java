package io.heartline.crisis.support;

import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

/** Shortcuts for the crisis API in tests. */
public final class Crisis {

    /** Notes written in tests carry this, so a test can prove no note reached an event, a log or the audit. */
    public static final String CANARY = "CANARY-7f3e1c";

    private Crisis() {
    }

    public static Map<String, Object> report(String subjectId, String channel, Instant noticedAt, boolean anonymous) {
        Map<String, Object> b = new HashMap<>();
        b.put("subjectId", subjectId);
        b.put("subjectType", "STUDENT");
        b.put("channel", channel);
        b.put("indicators", List.of("EMOTION_LOW_MOOD", "SPEECH_SAYING_GOODBYE"));
        b.put("noticedAt", noticedAt.toString());
        b.put("anonymous", anonymous);
        b.put("note", CANARY + " gave away belongings");
        return b;
    }

    /** Reports about a new person; returns the case id. */
    public static UUID openCase(Who reporter, String subjectId) {
        return UUID.fromString(reporter.req().body(report(subjectId, "CLASS_TEACHER", TestClock.now(), false))
                .post("/api/v1/crisis-reports").then().statusCode(201).extract().path("caseId"));
    }

    public static JsonPath act(Who who, UUID id, String verb, Map<String, ?> body, int status) {
        return who.req().body(body).post("/api/v1/crisis-cases/" + id + "/" + verb).then().statusCode(status)
                .extract().jsonPath();
    }

    public static JsonPath get(Who who, UUID id) {
        return who.req().get("/api/v1/crisis-cases/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static String conflict(Who who, UUID id, String verb, Map<String, ?> body) {
        return who.req().body(body).post("/api/v1/crisis-cases/" + id + "/" + verb).then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409)).extract().path("reason");
    }

    public static Map<String, Object> contact() {
        return Map.of("at", TestClock.now().toString(), "mode", "IN_PERSON", "refused", false, "note",
                CANARY + " talked in the centre");
    }

    public static Map<String, Object> triage(int impact, int coping, int support, String level) {
        Map<String, Object> b = new HashMap<>(Map.of("impact", impact, "coping", coping, "support", support,
                "note", CANARY + " triage note"));
        if (level != null) {
            b.put("level", level);
        }
        return b;
    }
}
