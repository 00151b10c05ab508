package io.heartline.screening.audit;

import static io.heartline.screening.support.Api.body;
import static io.heartline.screening.support.Api.newPerson;
import static io.heartline.screening.support.Api.newSchool;
import static io.heartline.screening.support.Api.phq9;
import static io.heartline.screening.support.Api.submitted;
import static io.heartline.screening.support.Api.token;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.AuditTrailChecks;
import io.heartline.platform.testsupport.AuditTrailContract;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's audit contract (issue 14) on screening's sensitive read, a psychologist reading a result. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_screening"))
class AuditTrailTest implements AuditTrailChecks {

    @Inject
    AgroalDataSource db;

    @Override
    public AuditTrailContract contract() {
        String school = newSchool();
        String student = newPerson("student");
        String psy = token(newPerson("psy"), school, "psychologist");
        String id = submitted(token(student, school, "student"), body("PHQ-9", phq9(0, 0, 0, 0, 0, 0, 0, 0, 0)));
        return new AuditTrailContract(db, "district-1", school, student, "screening",
                r -> r.auth().oauth2(psy).get("/api/v1/screenings/" + id));
    }
}
