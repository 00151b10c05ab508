package io.heartline.training.audit;

import java.time.LocalDate;

import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.AuditTrailChecks;
import io.heartline.platform.testsupport.AuditTrailContract;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.training.support.DirectoryFixture;
import io.heartline.training.support.DirectoryFixture.Role;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** The platform's audit contract (issue 14) on training's sensitive read, a psychologist reading guardians' contacts. */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_training"))
class AuditTrailTest implements AuditTrailChecks {

    @Inject
    AgroalDataSource db;

    @Override
    public AuditTrailContract contract() {
        String school = DirectoryFixture.unique("school");
        String classId = DirectoryFixture.unique("class");
        // A reader id that is not part of any role name, so the access log's "no reader id" check means something.
        String reader = DirectoryFixture.unique("reader");
        DirectoryFixture dir = new DirectoryFixture(db, DirectoryFixture.unique("district"));
        dir.school(school, "No. 1").schoolClass(classId, school, "7-1", "07", true)
                .student("st-1", school, classId, LocalDate.of(2013, 3, 15), true)
                .staff(reader, "Psychologist", school, true, new Role("PSYCHOLOGY_TEACHER", school, true))
                .guardian("g-1", "Mother", "mother@example.org", "+86 100 0001", true)
                .link("st-1", "g-1", "MOTHER");
        String psy = dir.token("psychologist", school, reader);
        return new AuditTrailContract(db, dir.district, school, "st-1", "guardian-contact",
                r -> r.auth().oauth2(psy).get("/api/v1/students/st-1/guardians"));
    }
}
