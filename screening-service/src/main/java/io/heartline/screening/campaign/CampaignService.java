package io.heartline.screening.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
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
 * here they are only counted. Cohorts other than listed subjects come from the directory projection at report time
 * (active staff of the school; active students of a class, a grade or the school), with completion per class.
 */
@ApplicationScoped
public class CampaignService {

    /** A window nobody could answer in (a second) or one that never ends (a century) is a typing error. */
    static final java.time.Duration MIN_WINDOW = java.time.Duration.ofHours(1);
    static final java.time.Duration MAX_WINDOW = java.time.Duration.ofDays(366);
    static final java.time.Duration MAX_MONTHLY_WINDOW = java.time.Duration.ofDays(28);

    private final InstrumentCatalogue catalogue;
    private final Licences licences;
    private final EntityManager em;
    private final Clock clock;

    CampaignService(InstrumentCatalogue catalogue, Licences licences, EntityManager em, Clock clock) {
        this.clock = clock;
        this.catalogue = catalogue;
        this.licences = licences;
        this.em = em;
    }

    public CampaignReport create(Caller caller, CreateCampaignRequest r) {
        String school = caller.requireSchool();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Problem.FieldError> errors = new ArrayList<>();
        Instrument instrument = catalogue.current(r.instrument()).orElse(null);
        if (instrument == null) {
            errors.add(new Problem.FieldError("instrument", "no instrument " + r.instrument()));
        }
        boolean allStaff = Boolean.TRUE.equals(r.allStaff());
        boolean listed = r.subjectIds() != null && !r.subjectIds().isEmpty();
        boolean allStudents = Boolean.TRUE.equals(r.allStudents());
        int selectors = (allStaff ? 1 : 0) + (listed ? 1 : 0) + (allStudents ? 1 : 0) + (r.classId() != null ? 1 : 0)
                + (r.grade() != null ? 1 : 0);
        if (selectors != 1) {
            errors.add(new Problem.FieldError("subjectIds", "give exactly one cohort: a non-empty subjectIds, "
                    + "allStaff: true, allStudents: true, classId or grade"));
        }
        CampaignReport.Cohort cohort = allStaff ? CampaignReport.Cohort.ALL_STAFF
                : allStudents ? CampaignReport.Cohort.SCHOOL_STUDENTS
                : r.classId() != null ? CampaignReport.Cohort.CLASS
                : r.grade() != null ? CampaignReport.Cohort.GRADE : CampaignReport.Cohort.SUBJECTS;
        boolean students = cohort == CampaignReport.Cohort.SCHOOL_STUDENTS || cohort == CampaignReport.Cohort.CLASS
                || cohort == CampaignReport.Cohort.GRADE;
        if (students && instrument != null && !instrument.allowsSubjectType(SubjectType.STUDENT)) {
            errors.add(new Problem.FieldError("instrument", r.instrument() + " is not an instrument for students"));
        }
        if (allStaff && instrument != null && !instrument.allowsSubjectType(SubjectType.STAFF)) {
            errors.add(new Problem.FieldError("allStaff", r.instrument() + " is not an instrument for staff"));
        }
        java.time.Duration open = java.time.Duration.between(r.opensAt(), r.closesAt());
        if (!r.closesAt().isAfter(r.opensAt())) {
            errors.add(new Problem.FieldError("closesAt", "must be after opensAt"));
        } else if (open.compareTo(MIN_WINDOW) < 0) {
            errors.add(new Problem.FieldError("closesAt", "at least " + MIN_WINDOW + " after opensAt"));
        } else if (open.compareTo(r.repeat() != null ? MAX_MONTHLY_WINDOW : MAX_WINDOW) > 0) {
            errors.add(new Problem.FieldError("closesAt", "at most " + (r.repeat() != null ? MAX_MONTHLY_WINDOW
                    + " after opensAt for a monthly campaign (the months must not overlap)" : MAX_WINDOW
                    + " after opensAt")));
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
        c.cohort = cohort.name();
        c.cohortRef = cohort == CampaignReport.Cohort.CLASS ? r.classId()
                : cohort == CampaignReport.Cohort.GRADE ? r.grade() : null;
        c.opensAt = r.opensAt().truncatedTo(ChronoUnit.MICROS);
        c.closesAt = r.closesAt().truncatedTo(ChronoUnit.MICROS);
        c.repeat = r.repeat();
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
        Campaign c = Ids.parse(id).map(uuid -> (Campaign) Campaign.findById(uuid))
                .filter(x -> x.school.equals(school) && java.util.Objects.equals(x.district, caller.district()))
                .orElseThrow(() -> ProblemException.notFound("Campaign " + id));
        return report(c, clock.instant());
    }

    public Page<CampaignReport> list(Caller caller, PageRequest page) {
        String school = caller.requireSchool();
        List<Campaign> rows = page.hasCursor()
                ? Campaign.find("school = ?1 and district = ?4 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) "
                        + "order by createdAt desc, id desc", school, page.beforeAt(), page.beforeId(),
                        caller.district()).page(0, page.limit() + 1).list()
                : Campaign.find("school = ?1 and district = ?2 order by createdAt desc, id desc", school,
                        caller.district()).page(0, page.limit() + 1).list();
        Instant now = clock.instant();
        return page.page(rows, c -> c.createdAt, c -> c.id, c -> report(c, now));
    }

    /** The cohort's members that the directory knows (active students of the class/grade/school). */
    private static final String STUDENT_COHORT = "SELECT ds.student_id, ds.class_id FROM directory_student ds"
            + " WHERE ds.district = ?1 AND ds.school = ?2 AND ds.active"
            + " AND (?3 = 'SCHOOL_STUDENTS' OR (?3 = 'CLASS' AND ds.class_id = ?4) OR (?3 = 'GRADE' AND ds.grade = ?4))";

    private CampaignReport report(Campaign c, Instant now) {
        CampaignReport.Cohort cohort = CampaignReport.Cohort.valueOf(c.cohort);
        long expected;
        long completed;
        List<CampaignReport.ClassProgress> byClass = null;
        switch (cohort) {
            case ALL_STAFF -> {
                expected = count("SELECT count(*) FROM directory_staff WHERE district = ?1 AND school = ?2 AND active",
                        c.district, c.school);
                completed = count("SELECT count(DISTINCT s.subject_id) FROM screening s JOIN directory_staff d"
                        + " ON d.district = ?1 AND d.school = ?2 AND d.person_id = s.subject_id AND d.active"
                        + " WHERE s.campaign_id = ?3", c.district, c.school, c.id);
            }
            case SUBJECTS -> {
                expected = count("SELECT count(*) FROM campaign_subject WHERE campaign_id = ?1", c.id);
                completed = count("SELECT count(DISTINCT subject_id) FROM screening WHERE campaign_id = ?1", c.id);
            }
            default -> {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("SELECT m.class_id, count(*), count(DISTINCT s.subject_id)"
                        + " FROM (" + STUDENT_COHORT + ") m LEFT JOIN screening s ON s.campaign_id = ?5"
                        + " AND s.subject_id = m.student_id GROUP BY m.class_id ORDER BY m.class_id")
                        .setParameter(1, c.district).setParameter(2, c.school).setParameter(3, c.cohort)
                        .setParameter(4, c.cohortRef == null ? "" : c.cohortRef).setParameter(5, c.id).getResultList();
                byClass = new ArrayList<>();
                long e = 0;
                long d = 0;
                for (Object[] row : rows) {
                    long ce = ((Number) row[1]).longValue();
                    long cd = ((Number) row[2]).longValue();
                    e += ce;
                    d += cd;
                    byClass.add(new CampaignReport.ClassProgress((String) row[0], ce, cd, rate(cd, ce)));
                }
                expected = e;
                completed = d;
            }
        }
        CampaignReport.Status status = now.isBefore(c.opensAt) ? CampaignReport.Status.SCHEDULED
                : now.isBefore(c.closesAt) ? CampaignReport.Status.OPEN : CampaignReport.Status.CLOSED;
        return new CampaignReport(c.id, c.instrumentCode, c.title, c.school, cohort, c.cohortRef, c.opensAt,
                c.closesAt, status, expected, completed, rate(completed, expected), byClass, c.createdBy, c.createdAt,
                c.repeat, c.repeatOf, c.repeatedBy);
    }

    private static BigDecimal rate(long completed, long expected) {
        return expected == 0 ? null
                : BigDecimal.valueOf(completed).divide(BigDecimal.valueOf(expected), 4, RoundingMode.HALF_UP);
    }

    private long count(String sql, Object... parameters) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            q.setParameter(i + 1, parameters[i]);
        }
        return ((Number) q.getSingleResult()).longValue();
    }

}
