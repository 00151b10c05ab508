package io.heartline.training.hostile;

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
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class HostileInputTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyEndpointRefusesEveryHostileInputWithAProblem() {
        HostileCorpus.against(base)
                .bearer(TestTokens.forRole(TestTokens.EVERY_ROLE).school("school-hostile").district("district-hostile")
                        .sign())
                // Roster uploads may be up to 16 MiB (the HTTP layer's limit is 17M); every other body 256 KiB.
                .bodyLimit("/api/v1/roster-imports", 17L * 1024 * 1024)
                // SCIM clients expect SCIM's own error documents (RFC 7644 §3.12).
                .errorFormat("/scim/", "application/scim+json")
                .assertAllRefused(10);
    }
}
