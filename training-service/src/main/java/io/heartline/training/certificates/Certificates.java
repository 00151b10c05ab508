package io.heartline.training.certificates;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.platform.events.EventBuilder;
import io.heartline.platform.events.EventTypes.Training;
import io.heartline.platform.events.Ids;
import io.heartline.platform.messaging.Outbox;

/**
 * Issues and reads certificates. {@link #issue} works on the caller's transaction and writes the
 * {@code certified} event to the outbox beside the row.
 */
@ApplicationScoped
public class Certificates {

    static final String COLUMNS = "id, district, person_id, school_id, kind, title, code, holder_initials,"
            + " programme_id, issued_at, expires_at, revoked_at";
    private static final String READ_COLUMNS = COLUMNS + ", revoke_reason";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code certified} data: ids and codes only (the same fields as crisis-service's copy of the schema). */
    public record Certified(UUID certificateId, String personId, String kind, String level, Instant issuedAt,
            Instant expiresAt, String district) {
    }

    /** {@code certificate-revoked} data: ids and codes only (the note given with a revocation never leaves the row). */
    public record Revoked(UUID certificateId, String personId, String kind, String level, String reasonCode,
            Instant revokedAt, String district) {
    }

    public record NewCertificate(String district, String personId, String schoolId, CertificateKind kind,
            String title, String holderName, UUID programmeId, Instant issuedAt, Instant expiresAt, String issuedBy) {
    }

    private final Outbox outbox;

    Certificates(Outbox outbox) {
        this.outbox = outbox;
    }

    public Certificate issue(Connection c, NewCertificate n) throws SQLException {
        UUID id = Ids.next();
        String code = newCode();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO certificate (" + COLUMNS
                + ", issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, n.district());
            ps.setString(3, n.personId());
            ps.setString(4, n.schoolId());
            ps.setString(5, n.kind().name());
            ps.setString(6, n.title());
            ps.setString(7, code);
            ps.setString(8, initials(n.holderName()));
            ps.setObject(9, n.programmeId());
            ps.setTimestamp(10, Timestamp.from(n.issuedAt()));
            ps.setTimestamp(11, n.expiresAt() == null ? null : Timestamp.from(n.expiresAt()));
            ps.setString(12, n.issuedBy());
            ps.executeUpdate();
        }
        Certificate cert = new Certificate(id, n.district(), n.personId(), n.schoolId(), n.kind(), n.title(), code,
                initials(n.holderName()), n.programmeId(), n.issuedAt(), n.expiresAt(), null, null);
        outbox.append(EventBuilder.from("training").type(Training.CERTIFIED).subject(n.personId())
                .district(n.district()).school(n.schoolId())
                .data(new Certified(id, n.personId(), n.kind().name(), n.kind().level(), n.issuedAt(), n.expiresAt(),
                        n.district()))
                .build());
        return cert;
    }

    /**
     * Revokes a certificate on the caller's transaction and writes {@code certificate-revoked} beside it.
     * @return false when it was already revoked (nothing written)
     */
    public boolean revoke(Connection c, Certificate cert, String reasonCode, String note, String by, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE certificate SET revoked_at = ?, revoked_by = ?, revoke_reason = ?, revoke_note = ?
                WHERE id = ? AND revoked_at IS NULL""")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, by);
            ps.setString(3, reasonCode);
            ps.setString(4, note);
            ps.setObject(5, cert.id());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        outbox.append(EventBuilder.from("training").type(Training.CERTIFICATE_REVOKED).subject(cert.personId())
                .district(cert.district()).school(cert.schoolId())
                .data(new Revoked(cert.id(), cert.personId(), cert.kind().name(), cert.kind().level(), reasonCode, at,
                        cert.district()))
                .build());
        return true;
    }

    /** A verification code: 80 random bits in four groups of an unambiguous alphabet, e.g. {@code K7QX-…}. */
    static String newCode() {
        StringBuilder sb = new StringBuilder("HL");
        for (int i = 0; i < 16; i++) {
            if (i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** "Li Wei" → "L. W."; a name without spaces (e.g. 李伟) → its first character ("李."). */
    public static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.trim().split("\\s+")) {
            int cp = part.codePointAt(0);
            parts.add(new String(Character.toChars(Character.toUpperCase(cp))) + ".");
        }
        return String.join(" ", parts);
    }

    static Certificate read(ResultSet rs) throws SQLException {
        Timestamp exp = rs.getTimestamp(11);
        Timestamp rev = rs.getTimestamp(12);
        return new Certificate(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                CertificateKind.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getObject(9, UUID.class), rs.getTimestamp(10).toInstant(), exp == null ? null : exp.toInstant(),
                rev == null ? null : rev.toInstant(), rs.getString(13));
    }

    static Optional<Certificate> one(Connection c, String where, Object... args) throws SQLException {
        List<Certificate> l = list(c, where, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    static List<Certificate> list(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + READ_COLUMNS + " FROM certificate WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Certificate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        }
    }
}
