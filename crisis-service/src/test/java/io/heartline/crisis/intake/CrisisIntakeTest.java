package io.heartline.crisis.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.crisis.support.Crisis;
import io.heartline.crisis.support.Feeds;
import io.heartline.platform.testsupport.Sql;
import io.heartline.crisis.support.Who;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.OutgoingEvent;
import io.heartline.platform.events.Topics;
import io.heartline.platform.testsupport.EventTap;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_crisis"))
class CrisisIntakeTest {

    static final String DISTRICT = Who.unique("district");
    static final String SCHOOL = Who.unique("school");

    @Inject
    AgroalDataSource ds;

    final EventTap tap = EventTap.of(Topics.CRISIS);

    private long cases(String subject) {
        return Sql.count(ds, "SELECT count(*) FROM crisis_case WHERE subject_id = ?", subject);
    }

    @Test
    void aCriticalScreeningOpensOneCaseHoweverOftenItArrives() {
        String subject = Who.unique("student");
        UUID screening = UUID.randomUUID();
        OutgoingEvent e = Feeds.riskFlagged(subject, SCHOOL, DISTRICT, "CRITICAL", screening);
        Feeds.send(e);
        Feeds.send(e); // redelivery of the same event id
        Feeds.send(Feeds.riskFlagged(subject, SCHOOL, DISTRICT, "CRITICAL", screening)); // same fact, new event id
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> cases(subject) == 1);
        String caseId = Sql.string(ds, "SELECT id::text FROM crisis_case WHERE subject_id = ?", subject);
        var opened = tap.awaitData("caseId", caseId, 1, Duration.ofSeconds(45));
        assertEquals(EventTypes.Crisis.OPENED, opened.get(0).event().type());
        assertEquals("SCREENING", opened.get(0).data("sourceKind"));
        assertEquals(List.of(), opened.get(0).schemaProblems());

        // the EMERGENCY referral for the same person joins the open case
        UUID referral = UUID.randomUUID();
        Feeds.send(Feeds.referralCreated(subject, SCHOOL, DISTRICT, "EMERGENCY", referral));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> Sql.count(ds,
                "SELECT count(*) FROM case_source WHERE kind = 'REFERRAL' AND source_id = ?", referral) == 1);
        assertEquals(1, cases(subject));
        assertEquals(2, Sql.count(ds, "SELECT count(*) FROM case_source WHERE case_id = ?::uuid", caseId));
        var detail = Crisis.get(Who.of("psychologist", SCHOOL, DISTRICT), UUID.fromString(caseId));
        assertEquals(List.of("SCREENING", "REFERRAL"), detail.getList("sources.kind"));
        assertEquals(1, tap.forData("caseId", caseId).size(), "linking publishes no second opened");
    }

    @Test
    void anEmergencyReferralOpensACaseAndLowerUrgenciesDoNot() {
        String subject = Who.unique("student");
        String calm = Who.unique("student");
        String moderate = Who.unique("student");
        Feeds.send(Feeds.referralCreated(calm, SCHOOL, DISTRICT, "URGENT", UUID.randomUUID()));
        Feeds.send(Feeds.riskFlagged(moderate, SCHOOL, DISTRICT, "HIGH", UUID.randomUUID()));
        UUID referral = UUID.randomUUID();
        OutgoingEvent e = Feeds.referralCreated(subject, SCHOOL, DISTRICT, "EMERGENCY", referral);
        Feeds.send(e);
        Feeds.send(e);
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> cases(subject) == 1);
        // events on one partition arrive in order: the later ones have been handled by now
        Feeds.send(Feeds.referralCreated(calm, SCHOOL, DISTRICT, "EMERGENCY", UUID.randomUUID()));
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> cases(calm) == 1);
        assertEquals(0, cases(moderate));
        assertEquals(1, cases(subject));
    }
}
