package io.heartline.referral.support;

import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

/** Shortcuts for the referral API in tests. */
public final class Referrals {

    /** Free text written in tests starts with this, so a test can prove no free text reached an event or a view. */
    public static final String FREE_TEXT = "FREE-TEXT ";

    private Referrals() {
    }

    public static Map<String, Object> body(String subjectId, String source, String urgency) {
        Map<String, Object> b = new HashMap<>();
        b.put("subjectId", subjectId);
        b.put("subjectType", "STUDENT");
        b.put("source", source);
        b.put("urgency", urgency);
        b.put("reason", FREE_TEXT + "seems withdrawn since the holidays");
        return b;
    }

    public static UUID create(Who who, String subjectId, String source, String urgency) {
        return UUID.fromString(who.req().body(body(subjectId, source, urgency)).post("/api/v1/referrals")
                .then().statusCode(201).extract().path("id"));
    }

    public static JsonPath act(Who who, UUID id, String verb, Map<String, ?> body, int status) {
        var req = who.req();
        if (body != null) {
            req = req.body(body);
        }
        return req.post("/api/v1/referrals/" + id + "/" + verb).then().statusCode(status).extract().jsonPath();
    }

    public static JsonPath act(Who who, UUID id, String verb, int status) {
        return act(who, id, verb, null, status);
    }

    public static JsonPath get(Who who, UUID id) {
        return who.req().get("/api/v1/referrals/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Asserts a 409 problem+json and returns its detail. */
    public static String conflict(Who who, UUID id, String verb, Map<String, ?> body) {
        var req = who.req();
        if (body != null) {
            req = req.body(body);
        }
        return req.post("/api/v1/referrals/" + id + "/" + verb).then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409))
                .extract().path("detail");
    }
}
