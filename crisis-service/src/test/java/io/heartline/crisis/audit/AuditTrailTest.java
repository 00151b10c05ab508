package io.heartline.crisis.audit;

import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.Who;
import io.heartline.platform.testsupport.AuditTrailChecks;
import io.heartline.platform.testsupport.AuditTrailContract;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's audit contract (issue 14) on crisis' sensitive read, a psychologist reading a case. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class AuditTrailTest implements AuditTrailChecks {

    @Inject
    AgroalDataSource db;

    @Override
    public AuditTrailContract contract() {
        String district = Who.unique("district");
        String school = Who.unique("school");
        String subject = Who.unique("student");
        Who psych = Who.of("psychologist", school, district);
        UUID id = Crisis.openCase(Who.of("teacher", school, district), subject);
        return new AuditTrailContract(db, district, school, subject, "crisis-case",
                r -> r.auth().oauth2(psych.token()).get("/api/v1/crisis-cases/" + id));
    }
}
