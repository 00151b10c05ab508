package io.heartline.training.certificates;

import java.time.Instant;
import java.util.UUID;

import io.heartline.platform.web.PersonId;

/** What the API shows of certificates. */
public final class CertificateViews {

    private CertificateViews() {
    }

    public record CertificateView(UUID id, String personId, String kind, String level, String title, String code,
            UUID programmeId, Instant issuedAt, Instant expiresAt, String status, Instant revokedAt,
            String revocationReason) {

        static CertificateView of(Certificate c, Instant now) {
            return new CertificateView(c.id(), c.personId(), c.kind().name(), c.kind().level(), c.title(), c.code(),
                    c.programmeId(), c.issuedAt(), c.expiresAt(), c.status(now), c.revokedAt(), c.revokeReason());
        }
    }

    /**
     * The public verification: only what a verifier needs (no names, ids, school or district; for a revoked
     * certificate the date, never the reason).
     */
    public record Verification(String code, String kind, String level, String holderInitials, Instant issuedAt,
            Instant expiresAt, String status, boolean valid, Instant revokedAt) {
    }

    /** {@code POST /api/v1/certificates/{id}/revoke}: a reason code and an optional note kept with the record. */
    public record Revocation(String reason, String note) {
    }

    /** Why a certificate is withdrawn (codes only travel in events). */
    public enum RevocationReason {
        ISSUED_IN_ERROR, RESULT_CORRECTED, MISCONDUCT, SUPERSEDED, OTHER
    }

    /** {@code POST /api/v1/certificates}: a qualification recorded by the district. */
    public record IssueQualification(@PersonId String personId, String kind, String title, Instant issuedAt,
            Instant expiresAt) {
    }
}
