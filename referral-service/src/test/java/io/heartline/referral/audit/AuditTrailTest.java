package io.heartline.referral.audit;

import java.util.UUID;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.AuditTrailChecks;
import io.heartline.platform.testsupport.AuditTrailContract;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.referral.support.Referrals;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The platform's audit contract (issue 14) on referral's sensitive read, a psychologist's full view of a referral:
 * recorded before, now also shown in the trail and in the person's access log.
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class AuditTrailTest implements AuditTrailChecks {

    @Inject
    AgroalDataSource db;

    @Override
    public AuditTrailContract contract() {
        String district = Who.unique("district");
        String school = Who.unique("school");
        String subject = Who.unique("student");
        Who psychologist = Who.of("psychologist", school, district);
        UUID id = Referrals.create(Who.of("teacher", school, district), subject, "TEACHER_OBSERVATION", "URGENT");
        return new AuditTrailContract(db, district, school, subject, "referral",
                r -> r.auth().oauth2(psychologist.token()).get("/api/v1/referrals/" + id));
    }
}
