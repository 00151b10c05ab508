package io.heartline.screening.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.heartline.screening.consent.Consent.GivenBy;
import io.heartline.screening.consent.Consent.Scope;
import io.heartline.screening.consent.ConsentRule.Basis;
import io.heartline.screening.consent.ConsentRule.Fact;
import io.heartline.screening.consent.ConsentRule.UnknownAge;

/** The consent rule's vectors: a student born 2012-06-15 turns 14 on 2026-06-15 (required until 2026-06-14). */
class ConsentRuleTest {

    static final LocalDate UNTIL = LocalDate.parse("2026-06-14");
    static final LocalDate DAY_13Y364D = LocalDate.parse("2026-06-14");
    static final LocalDate DAY_14Y = LocalDate.parse("2026-06-15");
    static final Instant AT = Instant.parse("2026-06-14T02:00:00Z");
    static final UUID CAMPAIGN = UUID.randomUUID();
    static final UUID OTHER_CAMPAIGN = UUID.randomUUID();

    static Fact consent(Scope scope, UUID campaign, GivenBy by, Instant given, Instant withdrawn) {
        return new Fact(UUID.randomUUID(), scope, campaign, by, given, withdrawn);
    }

    static final Instant BEFORE = AT.minusSeconds(86_400);

    static Stream<Arguments> vectors() {
        return Stream.of(
                Arguments.of("13y364d, no consent", Optional.of(UNTIL), DAY_13Y364D, List.of(), null, "CONSENT_REQUIRED"),
                Arguments.of("14y exactly, no consent", Optional.of(UNTIL), DAY_14Y, List.of(), Basis.AGE_14_OR_OLDER, null),
                Arguments.of("13y364d, standing guardian consent", Optional.of(UNTIL), DAY_13Y364D,
                        List.of(consent(Scope.STANDING, null, GivenBy.GUARDIAN, BEFORE, null)), Basis.GUARDIAN_CONSENT, null),
                Arguments.of("13y364d, consent for this campaign", Optional.of(UNTIL), DAY_13Y364D,
                        List.of(consent(Scope.CAMPAIGN, CAMPAIGN, GivenBy.GUARDIAN, BEFORE, null)), Basis.GUARDIAN_CONSENT, null),
                Arguments.of("13y364d, consent for another campaign", Optional.of(UNTIL), DAY_13Y364D,
                        List.of(consent(Scope.CAMPAIGN, OTHER_CAMPAIGN, GivenBy.GUARDIAN, BEFORE, null)), null, "CONSENT_REQUIRED"),
                Arguments.of("13y364d, withdrawn consent", Optional.of(UNTIL), DAY_13Y364D,
                        List.of(consent(Scope.STANDING, null, GivenBy.GUARDIAN, BEFORE, AT.minusSeconds(60))), null, "CONSENT_REQUIRED"),
                Arguments.of("13y364d, withdrawal dated later", Optional.of(UNTIL), DAY_13Y364D,
                        List.of(consent(Scope.STANDING, null, GivenBy.GUARDIAN, BEFORE, AT.plusSeconds(60))), Basis.GUARDIAN_CONSENT, null),
                Arguments.of("13y364d, consent given after the screening", Optional.of(UNTIL), DAY_13Y364D,
                        List.of(consent(Scope.STANDING, null, GivenBy.GUARDIAN, AT.plusSeconds(60), null)), null, "CONSENT_REQUIRED"),
                Arguments.of("13y364d, the student's own consent", Optional.of(UNTIL), DAY_13Y364D,
                        List.of(consent(Scope.STANDING, null, GivenBy.SELF, BEFORE, null)), null, "CONSENT_REQUIRED"),
                Arguments.of("age unknown", Optional.empty(), DAY_13Y364D, List.of(), Basis.AGE_UNKNOWN, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decides(String name, Optional<LocalDate> until, LocalDate day, List<Fact> consents, Basis basis, String refusal) {
        ConsentRule.Decision d = ConsentRule.decide(until, day, AT, consents, Set.of(CAMPAIGN), UnknownAge.SCREEN);
        assertEquals(refusal, d.refusal(), name);
        if (refusal == null) {
            assertEquals(basis, d.basis(), name);
        }
    }

    @org.junit.jupiter.api.Test
    void unknownAgeCanBeRefusedByConfiguration() {
        var d = ConsentRule.decide(Optional.empty(), DAY_14Y, AT, List.of(), Set.of(), UnknownAge.REFUSE);
        assertEquals(ConsentRule.AGE_UNKNOWN, d.refusal());
    }

    @org.junit.jupiter.api.Test
    void aCampaignConsentNamesItsCampaign() {
        var d = ConsentRule.decide(Optional.of(UNTIL), DAY_13Y364D, AT,
                List.of(consent(Scope.STANDING, null, GivenBy.GUARDIAN, BEFORE, null),
                        consent(Scope.CAMPAIGN, CAMPAIGN, GivenBy.GUARDIAN, BEFORE, null)),
                Set.of(CAMPAIGN), UnknownAge.SCREEN);
        assertEquals(CAMPAIGN, d.campaignId());
    }
}
