package io.heartline.screening.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.heartline.platform.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Short forms for the HTTP calls of the tests. Every test uses fresh schools and people, so tests never collide. */
public final class Api {

    private Api() {
    }

    public static String newSchool() {
        return "school-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String newPerson(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A signed token for one person with the given role(s) at a school of district-1. */
    public static String token(String sub, String school, String... roles) {
        return TestTokens.forRole(roles).sub(sub).school(school).sign();
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** {"instrument": code, "answers": [...]} plus any extra fields given in pairs. */
    public static Map<String, Object> body(String instrument, List<Map<String, Object>> answers, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instrument", instrument);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        body.put("answers", answers);
        return body;
    }

    /** Answers to items 1..n with the given values. */
    public static List<Map<String, Object>> answers(int... values) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(answer(i + 1, values[i]));
        }
        return out;
    }

    public static Map<String, Object> answer(Object item, Object value) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("item", item);
        a.put("value", value);
        return a;
    }

    /** PHQ-9 answers for items 1-9, plus item 10 when the total is above 0. */
    public static List<Map<String, Object>> phq9(int... items1to9) {
        List<Map<String, Object>> a = answers(items1to9);
        if (java.util.Arrays.stream(items1to9).sum() > 0) {
            a.add(answer(10, 1));
        }
        return a;
    }

    /** PHQ-A: items 1-9, the past-year item 10 (no), the difficulty item 11 when the total is above 0, then 12 and 13. */
    public static List<Map<String, Object>> phqA(int thoughtsPastMonth, int attemptEver, int... items1to9) {
        List<Map<String, Object>> a = answers(items1to9);
        a.add(answer(10, 0));
        if (java.util.Arrays.stream(items1to9).sum() > 0) {
            a.add(answer(11, 1));
        }
        a.add(answer(12, thoughtsPastMonth));
        a.add(answer(13, attemptEver));
        return a;
    }

    /** Submits as the token's holder and expects 201; returns the screening id. */
    public static String submitted(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/screenings").then().statusCode(201).extract().path("id");
    }

    public static Response submit(String token, Map<String, Object> body) {
        return as(token).body(body).post("/api/v1/screenings");
    }
}
