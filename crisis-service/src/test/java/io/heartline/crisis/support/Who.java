package io.heartline.crisis.support;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.heartline.platform.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** A caller in a test: role, sub, school and district, with a real signed token. */
public record Who(String sub, String role, String school, String district) {

    public static Who of(String role, String school, String district) {
        return new Who(role + "-" + UUID.randomUUID().toString().substring(0, 8), role, school, district);
    }

    public static Who districtLevel(String role, String district) {
        return of(role, null, district);
    }

    public String token() {
        return TestTokens.forRole(role).sub(sub).school(school).district(district).sign();
    }

    public RequestSpecification req() {
        return given().auth().oauth2(token()).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Unique ids so that test classes sharing one database and broker never see each other's data. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
