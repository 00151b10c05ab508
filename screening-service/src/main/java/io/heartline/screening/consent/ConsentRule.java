package io.heartline.screening.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whether a screening about a student may go ahead (PIPL art. 28 and 31). Pure: the intake gives it the directory's
 * fact, the screening day in the school's time zone, the student's consent records and the campaigns the screening
 * would belong to.
 * <ul>
 * <li>{@code guardianConsentRequiredUntil} (the day before the 14th birthday) on or after the screening day: an active
 * guardian consent is needed — {@code STANDING}, or {@code CAMPAIGN} for one of the candidate campaigns — else refused
 * with {@code CONSENT_REQUIRED}.</li>
 * <li>before the screening day: the student is 14 or older and gives their own ({@code AGE_14_OR_OLDER}).</li>
 * <li>student unknown to the directory, or known without the date: {@code AGE_UNKNOWN}, screened or refused as the
 * district configured.</li>
 * </ul>
 */
public final class ConsentRule {

    private ConsentRule() {
    }

    public enum Basis {
        /** The subject is a staff member: adults consent by taking part. */
        STAFF,
        /** A teacher's observer form: the school's safeguarding duty, not a questionnaire put to the student. */
        OBSERVATION,
        AGE_14_OR_OLDER,
        GUARDIAN_CONSENT,
        AGE_UNKNOWN
    }

    public enum UnknownAge {
        SCREEN, REFUSE
    }

    /** A consent record as the rule needs it. */
    public record Fact(UUID id, Consent.Scope scope, UUID campaignId, Consent.GivenBy givenBy, Instant givenAt,
            Instant withdrawnAt) {

        boolean activeAt(Instant at) {
            return !givenAt.isAfter(at) && (withdrawnAt == null || withdrawnAt.isAfter(at));
        }
    }

    /**
     * @param consentId the consent relied on ({@code GUARDIAN_CONSENT}), else null
     * @param campaignId the campaign of that consent when it is a {@code CAMPAIGN} consent, else null
     * @param refusal null when allowed; else {@code CONSENT_REQUIRED} or {@code AGE_UNKNOWN}
     */
    public record Decision(Basis basis, UUID consentId, UUID campaignId, String refusal) {
        public boolean allowed() {
            return refusal == null;
        }
    }

    public static final String CONSENT_REQUIRED = "CONSENT_REQUIRED";
    public static final String AGE_UNKNOWN = "AGE_UNKNOWN";

    /**
     * @param requiredUntil the directory's {@code guardianConsentRequiredUntil}; empty when the student or the date is
     *        unknown
     */
    public static Decision decide(Optional<LocalDate> requiredUntil, LocalDate screeningDay, Instant at,
            List<Fact> consents, Set<UUID> candidateCampaigns, UnknownAge unknownAge) {
        if (requiredUntil.isEmpty()) {
            return unknownAge == UnknownAge.SCREEN ? new Decision(Basis.AGE_UNKNOWN, null, null, null)
                    : new Decision(Basis.AGE_UNKNOWN, null, null, AGE_UNKNOWN);
        }
        if (requiredUntil.get().isBefore(screeningDay)) {
            return new Decision(Basis.AGE_14_OR_OLDER, null, null, null);
        }
        Optional<Fact> usable = consents.stream()
                .filter(c -> c.givenBy() == Consent.GivenBy.GUARDIAN && c.activeAt(at))
                .filter(c -> c.scope() == Consent.Scope.STANDING
                        || (c.campaignId() != null && candidateCampaigns.contains(c.campaignId())))
                // a campaign's own consent first (it says which campaign the screening belongs to), then the newest
                .min(Comparator.comparing((Fact c) -> c.scope() == Consent.Scope.CAMPAIGN ? 0 : 1)
                        .thenComparing(Fact::givenAt, Comparator.reverseOrder()));
        return usable.map(c -> new Decision(Basis.GUARDIAN_CONSENT, c.id(),
                c.scope() == Consent.Scope.CAMPAIGN ? c.campaignId() : null, null))
                .orElseGet(() -> new Decision(null, null, null, CONSENT_REQUIRED));
    }
}
