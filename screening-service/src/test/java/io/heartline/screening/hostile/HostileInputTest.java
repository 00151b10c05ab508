package io.heartline.screening.hostile;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.platform.testsupport.HostileCorpus;
import io.heartline.platform.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every endpoint in the OpenAPI document × every hostile input class → 4xx problem+json, no stack trace logged. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class HostileInputTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyEndpointRefusesEveryHostileInputWithAProblem() {
        HostileCorpus.against(base)
                .bearer(TestTokens.forRole(TestTokens.EVERY_ROLE).school("school-hostile").district("district-hostile")
                        .sign())
                .assertAllRefused(10);
    }
}
