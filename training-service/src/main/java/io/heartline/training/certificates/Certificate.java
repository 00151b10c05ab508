package io.heartline.training.certificates;

import java.time.Instant;
import java.util.UUID;

public record Certificate(UUID id, String district, String personId, String schoolId, CertificateKind kind,
        String title, String code, String holderInitials, UUID programmeId, Instant issuedAt, Instant expiresAt,
        Instant revokedAt, String revokeReason) {

    public String status(Instant now) {
        if (revokedAt != null) {
            return "REVOKED";
        }
        return expiresAt != null && !expiresAt.isAfter(now) ? "EXPIRED" : "VALID";
    }
}
