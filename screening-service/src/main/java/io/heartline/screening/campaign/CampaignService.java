package io.heartline.screening.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.screening.instrument.Instrument;
import io.heartline.screening.instrument.InstrumentCatalogue;
import io.heartline.screening.instrument.SubjectType;
import io.heartline.screening.licence.Licences;

/**
 * Campaigns of a school. Submissions are linked to a campaign by the intake's INSERT (see {@code ScreeningStore});
 * here they are only counted. An "all staff" cohort is the staff this service knows at report time (the
 * {@code known_staff} table), since no roster exists here yet.
 */
@ApplicationScoped
public class CampaignService {

    private final InstrumentCatalogue catalogue;
    private final Licences licences;
    private final EntityManager em;

    CampaignService(InstrumentCatalogue catalogue, Licences licences, EntityManager em) {
        this.catalogue = catalogue;
        this.licences = licences;
        this.em = em;
    }

    public CampaignReport create(Caller caller, CreateCampaignRequest r) {
        String school = caller.requireSchool();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Problem.FieldError> errors = new ArrayList<>();
        Instrument instrument = catalogue.current(r.instrument()).orElse(null);
        if (instrument == null) {
            errors.add(new Problem.FieldError("instrument", "no instrument " + r.instrument()));
        }
        boolean allStaff = Boolean.TRUE.equals(r.allStaff());
        boolean listed = r.subjectIds() != null && !r.subjectIds().isEmpty();
        if (allStaff == listed) {
            errors.add(new Problem.FieldError("subjectIds", "give either a non-empty subjectIds or allStaff: true"));
        }
        if (allStaff && instrument != null && !instrument.allowsSubjectType(SubjectType.STAFF)) {
            errors.add(new Problem.FieldError("allStaff", r.instrument() + " is not an instrument for staff"));
        }
        if (!r.closesAt().isAfter(r.opensAt())) {
            errors.add(new Problem.FieldError("closesAt", "must be after opensAt"));
        } else if (!r.closesAt().isAfter(now)) {
            errors.add(new Problem.FieldError("closesAt", "must be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The campaign has " + errors.size() + " invalid field(s)", errors);
        }
        licences.requireUsable(instrument, caller.district(), now);
        Campaign c = new Campaign();
        c.id = Ids.next();
        c.school = school;
        c.district = caller.district();
        c.instrumentCode = instrument.code();
        c.title = r.title();
        c.allStaff = allStaff;
        c.opensAt = r.opensAt().truncatedTo(ChronoUnit.MICROS);
        c.closesAt = r.closesAt().truncatedTo(ChronoUnit.MICROS);
        c.createdBy = caller.id();
        c.createdAt = now;
        c.subjectIds = listed ? new LinkedHashSet<>(r.subjectIds()) : new LinkedHashSet<>();
        c.persist();
        em.flush();
        return report(c, now);
    }

    /** @throws ProblemException 404 when the campaign is not one of the caller's school */
    public CampaignReport get(Caller caller, String id) {
        String school = caller.requireSchool();
        Campaign c = Ids.parse(id).map(uuid -> (Campaign) Campaign.findById(uuid)).filter(x -> x.school.equals(school))
                .orElseThrow(() -> ProblemException.notFound("Campaign " + id));
        return report(c, Instant.now());
    }

    public Page<CampaignReport> list(Caller caller, PageRequest page) {
        String school = caller.requireSchool();
        List<Campaign> rows = page.hasCursor()
                ? Campaign.find("school = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) "
                        + "order by createdAt desc, id desc", school, page.beforeAt(), page.beforeId())
                        .page(0, page.limit() + 1).list()
                : Campaign.find("school = ?1 order by createdAt desc, id desc", school).page(0, page.limit() + 1).list();
        Instant now = Instant.now();
        return page.page(rows, c -> c.createdAt, c -> c.id, c -> report(c, now));
    }

    private CampaignReport report(Campaign c, Instant now) {
        long expected = c.allStaff
                ? count("SELECT count(*) FROM known_staff WHERE school = ?1", c.school)
                : count("SELECT count(*) FROM campaign_subject WHERE campaign_id = ?1", c.id);
        long completed = count("SELECT count(DISTINCT subject_id) FROM screening WHERE campaign_id = ?1", c.id);
        BigDecimal rate = expected == 0 ? null
                : BigDecimal.valueOf(completed).divide(BigDecimal.valueOf(expected), 4, RoundingMode.HALF_UP);
        CampaignReport.Status status = now.isBefore(c.opensAt) ? CampaignReport.Status.SCHEDULED
                : now.isBefore(c.closesAt) ? CampaignReport.Status.OPEN : CampaignReport.Status.CLOSED;
        return new CampaignReport(c.id, c.instrumentCode, c.title, c.school,
                c.allStaff ? CampaignReport.Cohort.ALL_STAFF : CampaignReport.Cohort.SUBJECTS, c.opensAt, c.closesAt,
                status, expected, completed, rate, c.createdBy, c.createdAt);
    }

    private long count(String sql, Object parameter) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

}
