package io.heartline.training.programmes;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.Ids;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.KeyPage;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem.FieldError;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.training.assessment.Scoring;
import io.heartline.training.certificates.CertificateKind;
import io.heartline.training.certificates.Certificates;
import io.heartline.training.directory.DirectoryStore;
import io.heartline.training.directory.Person;
import io.heartline.training.directory.PersonKind;
import io.heartline.training.hours.HoursLedger;
import io.heartline.training.programmes.ProgrammeModel.AttendanceInput;
import io.heartline.training.programmes.ProgrammeModel.CloseResult;
import io.heartline.training.programmes.ProgrammeModel.ComponentDef;
import io.heartline.training.programmes.ProgrammeModel.Course;
import io.heartline.training.programmes.ProgrammeModel.CreateProgramme;
import io.heartline.training.programmes.ProgrammeModel.EnrolResult;
import io.heartline.training.programmes.ProgrammeModel.Mode;
import io.heartline.training.programmes.ProgrammeModel.Programme;
import io.heartline.training.programmes.ProgrammeModel.ProgrammeView;
import io.heartline.training.programmes.ProgrammeModel.RequirementDef;
import io.heartline.training.programmes.ProgrammeModel.RequirementInput;
import io.heartline.training.programmes.ProgrammeModel.ResultView;
import io.heartline.training.programmes.ProgrammeModel.ScoreInput;

/**
 * Programmes, enrolments, marks and close (docs/training-records.md). Organisers: {@code district-admin} of the
 * district (every programme), {@code school-admin} of the programme's school (school programmes). Markers: the
 * people listed in {@code markerIds}. Participants read their own results. Anyone else: 404.
 */
@ApplicationScoped
public class Programmes {

    private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");
    private static final BigDecimal MAX_HOURS = new BigDecimal("10000");

    private final AgroalDataSource dataSource;
    private final Certificates certificates;
    private final Clock clock;

    Programmes(AgroalDataSource dataSource, Certificates certificates, Clock clock) {
        this.dataSource = dataSource;
        this.certificates = certificates;
        this.clock = clock;
    }

    enum Access {
        ORGANISER, MARKER, PARTICIPANT
    }

    // ---- create and read ------------------------------------------------------------------------------------

    @Transactional
    public ProgrammeView create(Caller caller, CreateProgramme in) {
        String district = caller.requireDistrict();
        CreateProgramme t = in.template() == null ? null : template(in.template());
        String school;
        if (caller.hasRole(Roles.DISTRICT_ADMIN)) {
            school = blank(in.schoolId()) ? null : in.schoolId();
        } else {
            school = caller.requireSchool();
            if (!blank(in.schoolId()) && !in.schoolId().equals(school)) {
                throw ProblemException.notFound("School");
            }
        }
        List<FieldError> errors = new ArrayList<>();
        String title = pick(in.title(), t == null ? null : t.title());
        if (blank(title) || title.length() > 200) {
            errors.add(new FieldError("title", "required, at most 200 characters"));
        }
        BigDecimal passMark = pick(in.passMark(), t == null ? null : t.passMark(), Scoring.DEFAULT_PASS_MARK);
        if (!Scoring.validScore(passMark)) {
            errors.add(new FieldError("passMark", "0 to 100 with at most one decimal"));
        }
        BigDecimal share = pick(in.excellentShare(), t == null ? null : t.excellentShare(),
                Scoring.DEFAULT_EXCELLENT_SHARE);
        if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0 || share.stripTrailingZeros().scale() > 3) {
            errors.add(new FieldError("excellentShare", "0 to 1 with at most three decimals"));
        }
        Integer validity = pick(in.certificateValidityMonths(), t == null ? null : t.certificateValidityMonths());
        if (validity != null && (validity < 1 || validity > 240)) {
            errors.add(new FieldError("certificateValidityMonths", "1 to 240 months, or absent for no expiry"));
        }
        List<ComponentDef> components = pick(in.components(), t == null ? null : t.components());
        List<RequirementDef> requirements = pick(in.requirements(), t == null ? null : t.requirements(), List.of());
        List<Course> courses = courses(in, t, errors);
        if (components == null || components.isEmpty()) {
            errors.add(new FieldError("components", "at least one component with a weight"));
        } else {
            for (int i = 0; i < components.size(); i++) {
                ComponentDef c = components.get(i);
                if (c == null || c.code() == null || !CODE.matcher(c.code()).matches()) {
                    errors.add(new FieldError("components[" + i + "].code", "an UPPER_SNAKE_CASE code"));
                }
                if (c == null || c.weight() == null) {
                    errors.add(new FieldError("components[" + i + "].weight", "required (whole percent)"));
                }
            }
            if (errors.stream().noneMatch(e -> e.field().startsWith("components"))) {
                Scoring.validate(components.stream().map(c -> new Scoring.Component(c.code(), c.weight())).toList())
                        .forEach(m -> errors.add(new FieldError("components", m)));
                components = components.stream().map(c -> new ComponentDef(c.code(),
                        blank(c.title()) ? c.code() : c.title(), c.weight())).toList();
            }
        }
        Set<String> courseIds = new HashSet<>();
        courses.forEach(c -> courseIds.add(c.id()));
        Set<String> reqCodes = new HashSet<>();
        for (int i = 0; i < requirements.size(); i++) {
            RequirementDef r = requirements.get(i);
            if (r == null || r.code() == null || !CODE.matcher(r.code()).matches() || !reqCodes.add(r.code())) {
                errors.add(new FieldError("requirements[" + i + "].code", "a unique UPPER_SNAKE_CASE code"));
            } else if (r.sessionId() != null && !courseIds.contains(r.sessionId())) {
                errors.add(new FieldError("requirements[" + i + "].sessionId", "not a course of this programme"));
            }
        }
        List<String> markers = in.markerIds() == null ? List.of() : in.markerIds();
        if (markers.size() > 100 || markers.stream().anyMatch(m -> blank(m) || m.length() > 64)) {
            errors.add(new FieldError("markerIds", "at most 100 person ids"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The programme is not valid", errors);
        }
        requirements = requirements.stream().map(r -> new RequirementDef(r.code(),
                blank(r.title()) ? r.code() : r.title(), r.sessionId())).toList();
        courses = courses.stream().map(c -> new Course(c.id(), c.title(), c.mode(), c.hours().setScale(1))).toList();
        Programme p = new Programme(Ids.next(), district, school, title, in.template(), passMark.setScale(1), share,
                validity, components, requirements, List.copyOf(markers), "OPEN", caller.id(), clock.instant(), null,
                courses);
        try (Connection c = dataSource.getConnection()) {
            if (school != null && !schoolExists(c, district, school)) {
                throw ProblemException.badRequest("The programme is not valid",
                        List.of(new FieldError("schoolId", "not a school of this district")));
            }
            ProgrammeStore.insert(c, p);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the programme", e);
        }
        return ProgrammeView.of(p);
    }

    private static List<Course> courses(CreateProgramme in, CreateProgramme t, List<FieldError> errors) {
        List<Course> given = in.courses() != null ? in.courses() : null;
        List<Course> courses = new ArrayList<>();
        if (given == null && (in.hoursOnline() != null || in.hoursOffline() != null)) {
            if (in.hoursOnline() != null && in.hoursOnline().signum() > 0) {
                courses.add(new Course("ONLINE", "Online", Mode.ONLINE, in.hoursOnline()));
            }
            if (in.hoursOffline() != null && in.hoursOffline().signum() > 0) {
                courses.add(new Course("OFFLINE", "Offline", Mode.OFFLINE, in.hoursOffline()));
            }
        } else if (given == null && t != null) {
            courses.addAll(t.courses());
        } else if (given != null) {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < given.size(); i++) {
                Course c = given.get(i);
                String id = c == null || blank(c.id()) ? "C" + (i + 1) : c.id();
                if (c == null || c.mode() == null || !validHours(c.hours()) || !ids.add(id) || id.length() > 64) {
                    errors.add(new FieldError("courses[" + i + "]", "unique id, mode ONLINE/OFFLINE, hours 0–10000"));
                    continue;
                }
                courses.add(new Course(id, blank(c.title()) ? id : c.title(), c.mode(), c.hours()));
            }
            check(errors, "hoursOnline", in.hoursOnline(), courses, Mode.ONLINE);
            check(errors, "hoursOffline", in.hoursOffline(), courses, Mode.OFFLINE);
        }
        for (Course c : courses) {
            if (!validHours(c.hours())) {
                errors.add(new FieldError("hours", "0 to 10000 with at most one decimal"));
            }
        }
        return courses;
    }

    private static void check(List<FieldError> errors, String field, BigDecimal stated, List<Course> courses, Mode m) {
        if (stated != null && stated.compareTo(courses.stream().filter(c -> c.mode() == m).map(Course::hours)
                .reduce(BigDecimal.ZERO, BigDecimal::add)) != 0) {
            errors.add(new FieldError(field, "must equal the sum of the " + m + " courses' hours"));
        }
    }

    private static boolean validHours(BigDecimal h) {
        return h != null && h.signum() >= 0 && h.compareTo(MAX_HOURS) <= 0 && h.stripTrailingZeros().scale() <= 1;
    }

    static CreateProgramme template(String code) {
        if (!CODE.matcher(code).matches()) {
            throw unknownTemplate();
        }
        try (InputStream in = Programmes.class.getResourceAsStream("/training/templates/" + code + ".json")) {
            if (in == null) {
                throw unknownTemplate();
            }
            return ProgrammeStore.JSON.readValue(in, CreateProgramme.class);
        } catch (IOException e) {
            throw new IllegalStateException("Template " + code + " cannot be read", e);
        }
    }

    private static ProblemException unknownTemplate() {
        return ProblemException.badRequest("Unknown template",
                List.of(new FieldError("template", "one of [CERTIFICATE_COURSE_62H]")));
    }

    @Transactional
    public ProgrammeView get(Caller caller, UUID id) {
        return ProgrammeView.of(load(caller, id, false, Access.values()).programme);
    }

    @Transactional
    public Page<ProgrammeView> list(Caller caller, PageRequest page) {
        String district = caller.requireDistrict();
        StringBuilder where = new StringBuilder("district = ?");
        List<Object> args = new ArrayList<>(List.of(district));
        if (!caller.hasRole(Roles.DISTRICT_ADMIN)) {
            where.append(" AND school_id = ?");
            args.add(caller.requireSchool());
        }
        if (page.hasCursor()) {
            where.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(page.beforeAt()));
            args.add(page.beforeId());
        }
        where.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(page.limit() + 1);
        try (Connection c = dataSource.getConnection()) {
            return page.page(ProgrammeStore.select(c, where.toString(), args.toArray()), Programme::createdAt,
                    Programme::id, ProgrammeView::of);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list programmes", e);
        }
    }

    @Transactional
    public Course addCourse(Caller caller, UUID id, Course in) {
        Loaded l = load(caller, id, true, Access.ORGANISER);
        requireOpen(l.programme);
        String cid = in == null || blank(in.id()) ? "C" + (l.programme.courses().size() + 1) : in.id();
        if (in == null || in.mode() == null || !validHours(in.hours()) || cid.length() > 64
                || l.programme.courses().stream().anyMatch(c -> c.id().equals(cid))) {
            throw ProblemException.badRequest("The course is not valid", List.of(
                    new FieldError("course", "unique id, mode ONLINE/OFFLINE, hours 0–10000 with one decimal")));
        }
        Course course = new Course(cid, blank(in.title()) ? cid : in.title(), in.mode(), in.hours().setScale(1));
        try (Connection c = dataSource.getConnection()) {
            ProgrammeStore.insertCourse(c, id, course, l.programme.courses().size());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot add the course", e);
        }
        return course;
    }

    @Transactional
    public List<Course> courses(Caller caller, UUID id) {
        return load(caller, id, false, Access.values()).programme.courses();
    }

    // ---- participants and marks -----------------------------------------------------------------------------

    @Transactional
    public EnrolResult enrol(Caller caller, UUID id, List<String> personIds) {
        Loaded l = load(caller, id, true, Access.ORGANISER);
        requireOpen(l.programme);
        if (personIds == null || personIds.isEmpty() || personIds.size() > 1000) {
            throw ProblemException.badRequest("personIds: 1 to 1000 person ids",
                    List.of(new FieldError("personIds", "1 to 1000 person ids")));
        }
        List<String> ids = personIds.stream().filter(Objects::nonNull).distinct().toList();
        try (Connection c = dataSource.getConnection()) {
            Map<String, Person> people = DirectoryStore.byPersonIds(c, l.programme.district(), ids);
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < personIds.size(); i++) {
                Person p = personIds.get(i) == null ? null : people.get(personIds.get(i));
                if (p == null || p.kind() != PersonKind.STAFF || !p.active()
                        || (l.programme.schoolId() != null && !worksAt(p, l.programme.schoolId()))) {
                    errors.add(new FieldError("personIds[" + i + "]", "not an active staff member of "
                            + (l.programme.schoolId() == null ? "the district" : "the programme's school")));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.badRequest("Some people cannot be enrolled", errors);
            }
            List<String> enrolled = new ArrayList<>();
            List<String> already = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO enrolment (programme_id, person_id, district, enrolled_at, enrolled_by)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                for (String pid : ids) {
                    ps.setObject(1, id);
                    ps.setString(2, pid);
                    ps.setString(3, l.programme.district());
                    ps.setTimestamp(4, Timestamp.from(clock.instant()));
                    ps.setString(5, caller.id());
                    (ps.executeUpdate() == 1 ? enrolled : already).add(pid);
                }
            }
            return new EnrolResult(enrolled, already);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot enrol", e);
        }
    }

    static boolean worksAt(Person p, String school) {
        return school.equals(p.schoolId()) || p.roles().stream().anyMatch(r -> school.equals(r.schoolId()));
    }

    @Transactional
    public ResultView score(Caller caller, UUID id, ScoreInput in) {
        Loaded l = load(caller, id, true, Access.ORGANISER, Access.MARKER);
        requireOpen(l.programme);
        List<FieldError> errors = new ArrayList<>();
        if (in.component() == null || l.programme.components().stream().noneMatch(c -> c.code().equals(in.component()))) {
            errors.add(new FieldError("component", "one of " + l.programme.components().stream().map(ComponentDef::code).toList()));
        }
        if (!Scoring.validScore(in.score())) {
            errors.add(new FieldError("score", "0 to 100 with at most one decimal"));
        }
        return mark(caller, l, in.personId(), errors, """
                INSERT INTO assessment_score (programme_id, person_id, component, score, marked_by, marked_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (programme_id, person_id, component)
                DO UPDATE SET score = EXCLUDED.score, marked_by = EXCLUDED.marked_by, marked_at = EXCLUDED.marked_at""",
                in.component(), in.score());
    }

    @Transactional
    public ResultView requirement(Caller caller, UUID id, RequirementInput in) {
        Loaded l = load(caller, id, true, Access.ORGANISER, Access.MARKER);
        requireOpen(l.programme);
        List<FieldError> errors = new ArrayList<>();
        if (in.requirement() == null
                || l.programme.requirements().stream().noneMatch(r -> r.code().equals(in.requirement()))) {
            errors.add(new FieldError("requirement", "one of "
                    + l.programme.requirements().stream().map(RequirementDef::code).toList()));
        }
        if (in.met() == null) {
            errors.add(new FieldError("met", "required"));
        }
        return mark(caller, l, in.personId(), errors, """
                INSERT INTO requirement_status (programme_id, person_id, requirement, met, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (programme_id, person_id, requirement)
                DO UPDATE SET met = EXCLUDED.met, recorded_by = EXCLUDED.recorded_by,
                              recorded_at = EXCLUDED.recorded_at""", in.requirement(), in.met());
    }

    @Transactional
    public ResultView attendance(Caller caller, UUID id, AttendanceInput in) {
        Loaded l = load(caller, id, true, Access.ORGANISER, Access.MARKER);
        requireOpen(l.programme);
        List<FieldError> errors = new ArrayList<>();
        if (in.sessionId() == null || l.programme.courses().stream().noneMatch(c -> c.id().equals(in.sessionId()))) {
            errors.add(new FieldError("sessionId", "one of " + l.programme.courses().stream().map(Course::id).toList()));
        }
        if (in.attended() == null) {
            errors.add(new FieldError("attended", "required"));
        }
        return mark(caller, l, in.personId(), errors, """
                INSERT INTO attendance (programme_id, person_id, course_id, attended, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (programme_id, person_id, course_id)
                DO UPDATE SET attended = EXCLUDED.attended, recorded_by = EXCLUDED.recorded_by,
                              recorded_at = EXCLUDED.recorded_at""", in.sessionId(), in.attended());
    }

    private ResultView mark(Caller caller, Loaded l, String personId, List<FieldError> errors, String sql, String key,
            Object value) {
        try (Connection c = dataSource.getConnection()) {
            if (personId == null || !ProgrammeStore.enrolled(c, l.programme.id(), personId)) {
                errors.add(0, new FieldError("personId", "not enrolled in this programme"));
            }
            if (!errors.isEmpty()) {
                throw ProblemException.badRequest("The mark is not valid", errors);
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, l.programme.id());
                ps.setString(2, personId);
                ps.setString(3, key);
                ps.setObject(4, value);
                ps.setString(5, caller.id());
                ps.setTimestamp(6, Timestamp.from(clock.instant()));
                ps.executeUpdate();
            }
            var marks = ProgrammeStore.marks(c, l.programme.id(), personId, null, null);
            return view(l.programme, personId, marks.get(personId));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the mark", e);
        }
    }

    @Transactional
    public Page<ResultView> results(Caller caller, UUID id, KeyPage page) {
        Loaded l = load(caller, id, false, Access.values());
        String only = l.access == Access.PARTICIPANT ? caller.id() : null;
        try (Connection c = dataSource.getConnection()) {
            var marks = ProgrammeStore.marks(c, id, only, page.afterKey(), page.limit() + 1);
            return page.page(new ArrayList<>(marks.entrySet()), Map.Entry::getKey,
                    e -> view(l.programme, e.getKey(), e.getValue()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read results", e);
        }
    }

    static boolean requirementsMet(Programme p, ProgrammeStore.Marks m) {
        return p.requirements().stream().allMatch(r -> Boolean.TRUE.equals(m.requirements().get(r.code()))
                || (r.sessionId() != null && Boolean.TRUE.equals(m.attendance().get(r.sessionId()))));
    }

    static Scoring.Rules rules(Programme p) {
        return new Scoring.Rules(p.components().stream().map(c -> new Scoring.Component(c.code(), c.weight()))
                .toList(), p.passMark(), p.excellentShare());
    }

    private static ResultView view(Programme p, String personId, ProgrammeStore.Marks m) {
        Scoring.Outcome o = Scoring.provisional(rules(p), new Scoring.Participant(personId, m.scores(),
                requirementsMet(p, m)));
        Map<String, Boolean> reqs = new LinkedHashMap<>();
        p.requirements().forEach(r -> reqs.put(r.code(), Boolean.TRUE.equals(m.requirements().get(r.code()))
                || (r.sessionId() != null && Boolean.TRUE.equals(m.attendance().get(r.sessionId())))));
        return new ResultView(personId, m.scores(), o.weightedTotal(), reqs, m.attendance(), o.result().name(),
                o.reasons(), m.result());
    }

    // ---- close ----------------------------------------------------------------------------------------------

    @Transactional
    public CloseResult close(Caller caller, UUID id) {
        Loaded l = load(caller, id, true, Access.ORGANISER);
        Programme p = l.programme;
        if (!p.open()) {
            throw ProblemException.conflict("The programme is already closed");
        }
        Instant now = clock.instant();
        int year = now.atZone(ZoneOffset.UTC).getYear();
        try (Connection c = dataSource.getConnection()) {
            var marks = ProgrammeStore.marks(c, id, null, null, null);
            List<Scoring.Participant> participants = marks.entrySet().stream()
                    .map(e -> new Scoring.Participant(e.getKey(), e.getValue().scores(),
                            requirementsMet(p, e.getValue()))).toList();
            List<Scoring.Outcome> outcomes = Scoring.close(rules(p), participants);
            Map<String, Person> people = DirectoryStore.byPersonIds(c, p.district(), marks.keySet());
            Instant expires = p.certificateValidityMonths() == null ? null
                    : now.atZone(ZoneOffset.UTC).plusMonths(p.certificateValidityMonths()).toInstant();
            int passed = 0;
            int excellent = 0;
            int issued = 0;
            BigDecimal credited = BigDecimal.ZERO;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE enrolment SET weighted_total = ?, result = ? WHERE programme_id = ? AND person_id = ?")) {
                for (Scoring.Outcome o : outcomes) {
                    ps.setBigDecimal(1, o.weightedTotal());
                    ps.setString(2, o.result().name());
                    ps.setObject(3, id);
                    ps.setString(4, o.personId());
                    ps.addBatch();
                }
                if (!outcomes.isEmpty()) {
                    ps.executeBatch();
                }
            }
            for (Scoring.Outcome o : outcomes) {
                if (o.result() == Scoring.Result.FAIL) {
                    continue;
                }
                boolean exc = o.result() == Scoring.Result.EXCELLENT;
                passed += exc ? 0 : 1;
                excellent += exc ? 1 : 0;
                Person person = people.get(o.personId());
                certificates.issue(c, new Certificates.NewCertificate(p.district(), o.personId(),
                        person == null ? p.schoolId() : person.schoolId(),
                        exc ? CertificateKind.COURSE_EXCELLENT : CertificateKind.COURSE_PASS, p.title(),
                        person == null ? null : person.displayLabel(), id, now, expires, caller.id()));
                issued++;
                if (HoursLedger.credit(c, p.district(), o.personId(), year, HoursLedger.Kind.COURSE, p.totalHours(),
                        null, id.toString(), p.title(), now)) {
                    credited = credited.add(p.totalHours());
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE programme SET state = 'CLOSED', closed_at = ?, closed_by = ? WHERE id = ?")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setString(2, caller.id());
                ps.setObject(3, id);
                ps.executeUpdate();
            }
            return new CloseResult(id, outcomes.size(), passed, excellent, outcomes.size() - passed - excellent,
                    issued, credited);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the programme", e);
        }
    }

    // ---- access -----------------------------------------------------------------------------------------------

    private record Loaded(Programme programme, Access access) {
    }

    /** The programme if the caller may see it, else 404; 403 if they see it but the action needs another access. */
    private Loaded load(Caller caller, UUID id, boolean lock, Access... allowed) {
        String district = caller.requireDistrict();
        try (Connection c = dataSource.getConnection()) {
            Programme p = ProgrammeStore.find(c, district, id, lock)
                    .orElseThrow(() -> ProblemException.notFound("Programme"));
            Access access;
            if (caller.hasRole(Roles.DISTRICT_ADMIN)
                    || (caller.hasRole(Roles.SCHOOL_ADMIN) && p.schoolId() != null && caller.inSchool(p.schoolId()))) {
                access = Access.ORGANISER;
            } else if (p.markerIds().contains(caller.id())) {
                access = Access.MARKER;
            } else if (ProgrammeStore.enrolled(c, id, caller.id())) {
                access = Access.PARTICIPANT;
            } else {
                throw ProblemException.notFound("Programme");
            }
            if (!List.of(allowed).contains(access)) {
                throw ProblemException.forbidden("Only the programme's organisers" + (List.of(allowed)
                        .contains(Access.MARKER) ? " and markers" : "") + " may do this");
            }
            return new Loaded(p, access);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the programme", e);
        }
    }

    private static void requireOpen(Programme p) {
        if (!p.open()) {
            throw ProblemException.conflict("The programme is closed");
        }
    }

    private boolean schoolExists(Connection c, String district, String school) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM school WHERE district = ? AND school_id = ?")) {
            ps.setString(1, district);
            ps.setString(2, school);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @SafeVarargs
    private static <T> T pick(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
