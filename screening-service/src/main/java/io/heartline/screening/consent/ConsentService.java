package io.heartline.screening.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.platform.events.Ids;
import io.heartline.platform.web.AuditLog;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.screening.campaign.Campaign;

/**
 * Consent records of a school, scoped by (district, school). Recording, listing and withdrawing each write an audit
 * row (record type {@code consent}): who did it, on which person, through which endpoint.
 */
@ApplicationScoped
public class ConsentService {

    public static final String RECORD_TYPE = "consent";
    static final String CREATE = "POST /api/v1/consents";
    static final String LIST = "GET /api/v1/consents";
    static final String WITHDRAW = "POST /api/v1/consents/{id}/withdraw";
    /** Clocks of paper forms and devices differ: an instant up to this far ahead is taken as now. */
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private final AuditLog audit;

    ConsentService(Clock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    public ConsentView record(Caller caller, ConsentRequests.Record r) {
        String school = caller.requireSchool();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.scope() == Consent.Scope.CAMPAIGN) {
            if (r.campaignId() == null) {
                errors.add(new Problem.FieldError("campaignId", "required for scope CAMPAIGN"));
            } else {
                Campaign c = Campaign.findById(r.campaignId());
                if (c == null || !c.school.equals(school) || !Objects.equals(c.district, caller.district())) {
                    errors.add(new Problem.FieldError("campaignId", "no campaign " + r.campaignId() + " at your school"));
                }
            }
        } else if (r.campaignId() != null) {
            errors.add(new Problem.FieldError("campaignId", "only for scope CAMPAIGN"));
        }
        if (r.givenBy() == Consent.GivenBy.GUARDIAN && r.guardianId() == null) {
            errors.add(new Problem.FieldError("guardianId", "required when givenBy is GUARDIAN"));
        }
        if (r.givenAt().isAfter(now.plus(FUTURE_SKEW))) {
            errors.add(new Problem.FieldError("givenAt", "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The consent has " + errors.size() + " invalid field(s)", errors);
        }
        Consent c = new Consent();
        c.id = Ids.next();
        c.district = caller.district();
        c.school = school;
        c.subjectId = r.subjectId();
        c.scope = r.scope();
        c.campaignId = r.campaignId();
        c.givenBy = r.givenBy();
        c.guardianId = r.guardianId();
        c.method = r.method();
        c.givenAt = min(r.givenAt(), now).truncatedTo(ChronoUnit.MICROS);
        c.recordedBy = caller.id();
        c.recordedAt = now;
        c.persist();
        audit.recordReads(caller, school, CREATE, List.of(target(c)));
        return ConsentView.of(c);
    }

    public Page<ConsentView> list(Caller caller, String subjectId, String campaignId, PageRequest page) {
        String school = caller.requireSchool();
        if ((subjectId == null || subjectId.isBlank()) && (campaignId == null || campaignId.isBlank())) {
            throw ProblemException.badRequest("Name a person or a campaign",
                    List.of(new Problem.FieldError("subjectId", "give subjectId and/or campaignId")));
        }
        UUID campaign = null;
        if (campaignId != null && !campaignId.isBlank()) {
            campaign = Ids.parse(campaignId).orElseThrow(() -> ProblemException.badRequest("campaignId is not an id",
                    List.of(new Problem.FieldError("campaignId", "must be a UUID"))));
        }
        StringBuilder q = new StringBuilder("school = :school and district = :district");
        var params = new java.util.HashMap<String, Object>();
        params.put("school", school);
        params.put("district", caller.district());
        if (subjectId != null && !subjectId.isBlank()) {
            q.append(" and subjectId = :subject");
            params.put("subject", subjectId);
        }
        if (campaign != null) {
            q.append(" and campaignId = :campaign");
            params.put("campaign", campaign);
        }
        if (page.hasCursor()) {
            q.append(" and (recordedAt < :at or (recordedAt = :at and id < :id))");
            params.put("at", page.beforeAt());
            params.put("id", page.beforeId());
        }
        q.append(" order by recordedAt desc, id desc");
        List<Consent> rows = Consent.<Consent>find(q.toString(), params).page(0, page.limit() + 1).list();
        Page<ConsentView> result = page.page(rows, c -> c.recordedAt, c -> c.id, ConsentView::of);
        audit.recordReads(caller, school, LIST,
                rows.subList(0, result.items().size()).stream().map(ConsentService::target).toList());
        return result;
    }

    public ConsentView withdraw(Caller caller, String id, ConsentRequests.Withdraw w) {
        String school = caller.requireSchool();
        Consent c = Ids.parse(id).map(uuid -> (Consent) Consent.findById(uuid))
                .filter(x -> x.school.equals(school) && Objects.equals(x.district, caller.district()))
                .orElseThrow(() -> ProblemException.notFound("Consent " + id));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant at = w.at() == null ? now : w.at().truncatedTo(ChronoUnit.MICROS);
        if (at.isAfter(now.plus(FUTURE_SKEW))) {
            throw ProblemException.badRequest("The withdrawal is dated in the future",
                    List.of(new Problem.FieldError("at", "must not be in the future")));
        }
        if (c.withdrawnAt != null) {
            throw ProblemException.conflict("consent-withdrawn", "ALREADY_WITHDRAWN", "Consent " + id
                    + " was withdrawn already");
        }
        c.withdrawnAt = min(at, now).isBefore(c.givenAt) ? c.givenAt : min(at, now);
        c.withdrawnReason = w.reason();
        c.withdrawnBy = caller.id();
        c.withdrawalRecordedAt = now;
        audit.recordReads(caller, school, WITHDRAW, List.of(target(c)));
        return ConsentView.of(c);
    }

    /** Consent facts of one person at a school, for the intake's rule. */
    public List<ConsentRule.Fact> factsOf(String district, String school, String subjectId) {
        return Consent.<Consent>find("school = ?1 and district = ?2 and subjectId = ?3", school, district, subjectId)
                .stream().map(Consent::fact).toList();
    }

    private static AuditLog.Target target(Consent c) {
        return new AuditLog.Target(RECORD_TYPE, c.id.toString(), c.subjectId);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
