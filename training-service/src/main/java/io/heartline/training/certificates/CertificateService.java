package io.heartline.training.certificates;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem.FieldError;
import io.heartline.platform.web.ProblemException;
import io.heartline.training.certificates.CertificateViews.CertificateView;
import io.heartline.training.certificates.CertificateViews.IssueQualification;
import io.heartline.training.certificates.CertificateViews.Verification;
import io.heartline.training.directory.DirectoryStore;
import io.heartline.training.directory.Person;
import io.heartline.training.directory.PersonKind;
import io.heartline.training.records.RecordAccess;

/** Reads, public verification, Open Badges export and recorded qualifications. */
@ApplicationScoped
public class CertificateService {

    static final String OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

    private final AgroalDataSource dataSource;
    private final Certificates certificates;
    private final Clock clock;
    private final String issuerBase;

    CertificateService(AgroalDataSource dataSource, Certificates certificates, Clock clock,
            @ConfigProperty(name = "heartline.training.badges.issuer-base-url") String issuerBase) {
        this.dataSource = dataSource;
        this.certificates = certificates;
        this.clock = clock;
        this.issuerBase = issuerBase.replaceAll("/+$", "");
    }

    @Transactional
    public Page<CertificateView> list(Caller caller, String personId, PageRequest page) {
        try (Connection c = dataSource.getConnection()) {
            Person p = RecordAccess.require(c, caller, personId);
            Instant now = clock.instant();
            List<Object> args = new ArrayList<>(List.of(p.district(), p.personId()));
            String where = "district = ? AND person_id = ?";
            if (page.hasCursor()) {
                where += " AND (issued_at, id) < (?, ?)";
                args.add(Timestamp.from(page.beforeAt()));
                args.add(page.beforeId());
            }
            return page.page(Certificates.list(c, where + " ORDER BY issued_at DESC, id DESC LIMIT "
                    + (page.limit() + 1), args.toArray()), Certificate::issuedAt, Certificate::id,
                    cert -> CertificateView.of(cert, now));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list certificates", e);
        }
    }

    @Transactional
    public CertificateView get(Caller caller, UUID id) {
        return CertificateView.of(visible(caller, id), clock.instant());
    }

    private Certificate visible(Caller caller, UUID id) {
        try (Connection c = dataSource.getConnection()) {
            Certificate cert = Certificates.one(c, "district = ? AND id = ?", caller.requireDistrict(), id)
                    .orElseThrow(() -> ProblemException.notFound("Certificate"));
            RecordAccess.require(c, caller, cert.personId());
            return cert;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the certificate", e);
        }
    }

    @Transactional
    public Verification verify(String code) {
        try (Connection c = dataSource.getConnection()) {
            Certificate cert = Certificates.one(c, "code = ?", code.trim().toUpperCase())
                    .orElseThrow(() -> ProblemException.notFound("Certificate"));
            String status = cert.status(clock.instant());
            return new Verification(cert.code(), cert.kind().name(), cert.kind().level(), cert.holderInitials(),
                    cert.issuedAt(), cert.expiresAt(), status, "VALID".equals(status), cert.revokedAt());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot verify", e);
        }
    }

    @Transactional
    public CertificateView issueQualification(Caller caller, IssueQualification in) {
        String district = caller.requireDistrict();
        List<FieldError> errors = new ArrayList<>();
        CertificateKind kind = null;
        try {
            kind = in.kind() == null ? null : CertificateKind.valueOf(in.kind());
        } catch (IllegalArgumentException e) {
            kind = null;
        }
        if (kind == null || kind == CertificateKind.COURSE_PASS || kind == CertificateKind.COURSE_EXCELLENT) {
            errors.add(new FieldError("kind", "one of QUALIFICATION_A, QUALIFICATION_B, QUALIFICATION_C, "
                    + "CRISIS_INTERVENTION (course certificates come from closing a programme)"));
        }
        Instant now = clock.instant();
        Instant issued = in.issuedAt() == null ? now : in.issuedAt();
        if (issued.isAfter(now)) {
            errors.add(new FieldError("issuedAt", "must not be in the future"));
        }
        if (in.expiresAt() != null && !in.expiresAt().isAfter(issued)) {
            errors.add(new FieldError("expiresAt", "must be after issuedAt"));
        }
        if (in.title() != null && in.title().length() > 200) {
            errors.add(new FieldError("title", "at most 200 characters"));
        }
        try (Connection c = dataSource.getConnection()) {
            Person p = in.personId() == null ? null
                    : DirectoryStore.byPersonId(c, district, in.personId()).orElse(null);
            if (p == null || p.kind() != PersonKind.STAFF) {
                errors.add(0, new FieldError("personId", "not a staff member of the district"));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.badRequest("The qualification is not valid", errors);
            }
            String title = in.title() != null ? in.title() : switch (kind) {
                case CRISIS_INTERVENTION -> "Crisis intervention";
                default -> "Mental-health education qualification, level " + kind.level();
            };
            Certificate cert = certificates.issue(c, new Certificates.NewCertificate(district, p.personId(),
                    p.schoolId(), kind, title, p.displayLabel(), null, issued, in.expiresAt(), caller.id()));
            return CertificateView.of(cert, now);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the qualification", e);
        }
    }

    /**
     * Revokes a certificate (docs/training-records.md "Revocation"): its issuer may. {@code district-admin} any
     * certificate of the district; {@code school-admin} the course certificates of their own school's programmes
     * (qualifications and district programmes' certificates → 403 once they can see the holder, 404 otherwise).
     */
    @Transactional
    public CertificateView revoke(Caller caller, UUID id, CertificateViews.Revocation in) {
        Certificate cert = visible(caller, id);
        try (Connection c = dataSource.getConnection()) {
            if (!caller.hasRole(io.heartline.platform.web.Roles.DISTRICT_ADMIN)) {
                String programmeSchool = null;
                if (cert.programmeId() != null) {
                    try (var ps = c.prepareStatement("SELECT school_id FROM programme WHERE id = ?")) {
                        ps.setObject(1, cert.programmeId());
                        try (var rs = ps.executeQuery()) {
                            programmeSchool = rs.next() ? rs.getString(1) : null;
                        }
                    }
                }
                if (programmeSchool == null || !programmeSchool.equals(caller.school())) {
                    throw ProblemException.forbidden("Only the district revokes qualifications and the certificates "
                            + "of district programmes; a school admin revokes their school's course certificates");
                }
            }
            List<FieldError> errors = new ArrayList<>();
            CertificateViews.RevocationReason reason = null;
            try {
                reason = in.reason() == null ? null : CertificateViews.RevocationReason.valueOf(in.reason());
            } catch (IllegalArgumentException e) {
                reason = null;
            }
            if (reason == null) {
                errors.add(new FieldError("reason", "one of ISSUED_IN_ERROR, RESULT_CORRECTED, MISCONDUCT, "
                        + "SUPERSEDED, OTHER"));
            }
            if (in.note() != null && in.note().length() > 500) {
                errors.add(new FieldError("note", "at most 500 characters"));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.badRequest("The revocation is not valid", errors);
            }
            Instant now = clock.instant();
            if (!certificates.revoke(c, cert, reason.name(), in.note(), caller.id(), now)) {
                throw ProblemException.conflictBecause("ALREADY_REVOKED", "The certificate is already revoked");
            }
            return CertificateView.of(Certificates.one(c, "id = ?", id).orElseThrow(), now);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot revoke the certificate", e);
        }
    }

    /**
     * The certificate as an Open Badges 3.0 {@code OpenBadgeCredential} (W3C VC data model 2.0), unsigned: the
     * holder shows it with the verification URL; the recipient is a salted SHA-256 of their person id.
     */
    @Transactional
    public Map<String, Object> openBadge(Caller caller, UUID id) {
        Certificate cert = visible(caller, id);
        if (cert.revokedAt() != null) {
            // No status list is published (see docs): a revoked certificate is not exported at all.
            throw ProblemException.conflictBecause("CERTIFICATE_REVOKED",
                    "A revoked certificate is not exported as a credential");
        }
        Map<String, Object> vc = new LinkedHashMap<>();
        vc.put("@context", List.of("https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
        vc.put("id", "urn:uuid:" + cert.id());
        vc.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        Map<String, Object> issuer = new LinkedHashMap<>();
        issuer.put("id", issuerBase + "/districts/" + cert.district());
        issuer.put("type", List.of("Profile"));
        issuer.put("name", "Heartline, district " + cert.district());
        vc.put("issuer", issuer);
        vc.put("validFrom", cert.issuedAt().toString());
        if (cert.expiresAt() != null) {
            vc.put("validUntil", cert.expiresAt().toString());
        }
        vc.put("name", cert.title());
        Map<String, Object> achievement = new LinkedHashMap<>();
        achievement.put("id", issuerBase + (cert.programmeId() != null
                ? "/programmes/" + cert.programmeId() + "/" + cert.kind().name().toLowerCase()
                : "/achievements/" + cert.kind().name().toLowerCase()));
        achievement.put("type", List.of("Achievement"));
        achievement.put("achievementType", cert.programmeId() != null ? "Certificate" : "Certification");
        achievement.put("name", cert.title());
        achievement.put("description", description(cert.kind()));
        achievement.put("criteria", Map.of("narrative", criteria(cert.kind())));
        if (cert.kind().level() != null) {
            achievement.put("humanCode", "LEVEL-" + cert.kind().level());
        }
        String salt = cert.id().toString().replace("-", "").substring(0, 16);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("type", "IdentityObject");
        identity.put("hashed", true);
        identity.put("identityHash", "sha256$" + sha256(cert.personId() + salt));
        identity.put("identityType", "sourcedId");
        identity.put("salt", salt);
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("type", List.of("AchievementSubject"));
        subject.put("identifier", List.of(identity));
        subject.put("achievement", achievement);
        vc.put("credentialSubject", subject);
        vc.put("evidence", List.of(Map.of("id", issuerBase + "/api/v1/certificates/verify/" + cert.code(),
                "type", List.of("Evidence"), "name", "Verification " + cert.code())));
        // "JsonSchema" (VC JSON Schema, defined by the VC 2.0 context), not OB 3.0's "1EdTechJsonSchemaValidator2019",
        // which no context defines: a JSON-LD processor in safe mode rejects it (docs/training-records.md).
        vc.put("credentialSchema", List.of(Map.of("id", OB_SCHEMA, "type", "JsonSchema")));
        return vc;
    }

    private static String description(CertificateKind k) {
        return switch (k) {
            case COURSE_PASS -> "Passed the course's weighted assessment with every requirement completed.";
            case COURSE_EXCELLENT -> "Passed the course among the top participants (excellent).";
            case CRISIS_INTERVENTION -> "Qualified to lead crisis intervention.";
            default -> "School mental-health education qualification, level " + k.level() + ".";
        };
    }

    private static String criteria(CertificateKind k) {
        return switch (k) {
            case COURSE_PASS -> "Weighted total at or above the pass mark and every requirement met.";
            case COURSE_EXCELLENT -> "Passed, with a weighted total in the top share of all participants "
                    + "(all tied at the cut are excellent).";
            default -> "Awarded by the district after its qualification assessment.";
        };
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
