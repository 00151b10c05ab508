package io.heartline.crisis.cases;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.heartline.crisis.CrisisConfig;
import io.heartline.crisis.alert.AlertKind;
import io.heartline.crisis.alert.Alerts;
import io.heartline.crisis.Db;
import io.heartline.crisis.model.ActionKind;
import io.heartline.crisis.model.CaseAction;
import io.heartline.crisis.model.CaseRules;
import io.heartline.crisis.model.Channel;
import io.heartline.crisis.model.ClockKind;
import io.heartline.crisis.model.Indicator;
import io.heartline.crisis.model.Level;
import io.heartline.crisis.model.Status;
import io.heartline.platform.events.EventTypes;
import io.heartline.platform.events.Ids;
import io.heartline.platform.web.AuditLog;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.PageRequest;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.platform.web.Trace;

/** Reports, case transitions and case views. Every write method runs in one transaction with its outbox events. */
@ApplicationScoped
public class CaseService {

    public static final String CASE_ENDPOINT = "GET /api/v1/crisis-cases/{id}";
    static final Duration FUTURE_SKEW = Duration.ofMinutes(2);
    private static final char[] RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CaseStore store;
    private final Db db;
    private final CrisisEvents events;
    private final CrisisConfig config;
    private final Clock clock;
    private final AuditLog auditLog;
    private final Alerts alerts;

    CaseService(CaseStore store, Db db, CrisisEvents events, CrisisConfig config, Clock clock, AuditLog auditLog,
            Alerts alerts) {
        this.alerts = alerts;
        this.store = store;
        this.db = db;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.auditLog = auditLog;
    }

    /** A case opened for a source, or the person's open case it was linked to. */
    public record Opened(CaseRow row, boolean created, Instant firstContactDueAt) {
    }

    // ---------------------------------------------------------------- opening

    /**
     * Opens an OPEN case with its first-contact clock, or links the source to the person's open case (one open case
     * per person and district). {@code detail} holds codes only; it goes to the timeline and the opened event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Opened openOrLink(String district, String school, String subjectId, String subjectType, String sourceKind,
            UUID sourceId, String actor, Map<String, Object> detail, Trace trace) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            UUID id = Ids.next();
            if (store.insertOpen(id, district, school, subjectId, subjectType, sourceKind, now)) {
                Instant due = now.plus(config.firstContactWithin());
                store.addClock(id, ClockKind.FIRST_CONTACT, 0, due, null, null);
                store.addSource(sourceKind, sourceId, id, now);
                store.entry(id, now, now, actor, "OPENED", sourceKind, detail, null);
                CaseRow row = store.find(id).orElseThrow();
                Map<String, Object> data = CrisisEvents.data(row);
                data.put("status", Status.OPEN.name());
                data.put("sourceKind", sourceKind);
                data.put("sourceId", sourceId.toString());
                data.put("dueAt", due.toString());
                for (String k : List.of("channel", "lateReport", "indicators")) {
                    data.put(k, detail.get(k));
                }
                events.publish(EventTypes.Crisis.OPENED, row, data, trace);
                return new Opened(row, true, due);
            }
            Optional<CaseRow> open = store.lockOpenCaseOf(district, subjectId);
            if (open.isPresent()) {
                CaseRow row = open.get();
                store.addSource(sourceKind, sourceId, row.id(), now);
                store.entry(row.id(), now, now, actor, "LINKED", sourceKind, detail, null);
                Instant due = store.clocks(row.id()).stream().filter(k -> k.kind() == ClockKind.FIRST_CONTACT)
                        .map(ClockRow::dueAt).findFirst().orElse(null);
                return new Opened(row, false, due);
            }
            // the open case was closed between the two statements: try again
        }
        throw new IllegalStateException("Could not open or find the open case");
    }

    // ---------------------------------------------------------------- reports

    @Transactional(Transactional.TxType.MANDATORY)
    public Views.ReportReceipt report(Caller caller, Requests.NewReport r, Trace trace) {
        String school = caller.requireSchool();
        String district = caller.requireDistrict();
        Instant now = clock.instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < r.indicators().size(); i++) {
            String code = r.indicators().get(i);
            if (code == null || !Indicator.isCode(code)) {
                errors.add(new Problem.FieldError("indicators[" + i + "]", "not one of the 12 indicator codes"));
            } else if (!seen.add(code)) {
                errors.add(new Problem.FieldError("indicators[" + i + "]", "duplicate indicator"));
            }
        }
        if (r.channel() == Channel.DEPARTMENT_HEAD && r.noticedAt() == null) {
            errors.add(new Problem.FieldError("noticedAt", "required for a department head's report"));
        }
        if (r.noticedAt() != null && r.noticedAt().isAfter(now.plus(FUTURE_SKEW))) {
            errors.add(new Problem.FieldError("noticedAt", "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The report is not valid", errors);
        }
        boolean anonymous = Boolean.TRUE.equals(r.anonymous());
        boolean late = r.channel() == Channel.DEPARTMENT_HEAD
                && Duration.between(r.noticedAt(), now).compareTo(config.lateReportAfter()) > 0;
        UUID reportId = Ids.next();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reportId", reportId.toString());
        detail.put("channel", r.channel().name());
        detail.put("indicators", List.copyOf(seen));
        detail.put("lateReport", late);
        Opened o = openOrLink(district, school, r.subjectId(), r.subjectType().name(), "REPORT", reportId,
                anonymous ? null : caller.id(), detail, trace);
        String receipt = receiptCode();
        store.insertReport(reportId, o.row().id(), district, school, r.channel().name(),
                anonymous ? null : caller.id(), anonymous, r.indicators(), r.noticedAt(), now, late, receipt,
                r.note());
        if (r.channel() == Channel.DEPARTMENT_HEAD) {
            store.addClock(o.row().id(), ClockKind.REPORT_WITHIN_30_MIN,
                    store.nextSeq(o.row().id(), ClockKind.REPORT_WITHIN_30_MIN),
                    r.noticedAt().plus(config.lateReportAfter()), now, late ? now : null);
            if (late) {
                store.markBreached(o.row().id());
            }
        }
        if (seen.contains(Indicator.BEHAVIOUR_SELF_HARM_OR_HARM_TO_OTHERS.name())) {
            alerts.raise(AlertKind.CRISIS_REPORT_HARM, district, school, "CRITICAL", Alerts.CASE, o.row().id(),
                    "report:" + reportId, trace);
        }
        return new Views.ReportReceipt(reportId, o.row().id(), receipt, o.firstContactDueAt(), late);
    }

    /**
     * More information from the reporter, found by the receipt code within the caller's school. The addition is
     * recorded without the caller when the report was anonymous.
     */
    @Transactional
    public Map<String, Object> addToReport(Caller caller, String receiptCode, Requests.ReportAddition r) {
        record Found(UUID reportId, UUID caseId, boolean anonymous) {
        }
        List<String> codes = r.indicators() == null ? List.of() : r.indicators();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            if (!Indicator.isCode(codes.get(i))) {
                errors.add(new Problem.FieldError("indicators[" + i + "]", "not one of the 12 indicator codes"));
            }
        }
        if (codes.isEmpty() && (r.note() == null || r.note().isBlank())) {
            errors.add(new Problem.FieldError("note", "an addition needs indicators or a note"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The addition is not valid", errors);
        }
        Found f = db.one("""
                SELECT id, case_id, anonymous FROM crisis_report WHERE receipt_code = ? AND district = ? AND school = ?""",
                rs -> new Found(Db.uuid(rs, "id"), Db.uuid(rs, "case_id"), rs.getBoolean("anonymous")),
                receiptCode, caller.district(), caller.school())
                .orElseThrow(() -> ProblemException.notFound("Report"));
        store.lock(f.caseId()).orElseThrow();
        Instant now = clock.instant();
        store.entry(f.caseId(), now, now, f.anonymous() ? null : caller.id(), "REPORT_ADDITION", null,
                Map.of("reportId", f.reportId().toString(), "indicators", codes), r.note());
        return Map.of("reportId", f.reportId(), "addedAt", now);
    }

    static String receiptCode() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(RECEIPT_ALPHABET[RANDOM.nextInt(RECEIPT_ALPHABET.length)]);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- access

    private enum Who {
        PSYCHOLOGIST, LEAD_ASSIGNER, TEAM_OR_PSYCHOLOGIST
    }

    private CaseRow begin(UUID id, Caller caller, Who who, CaseAction action) {
        CaseRow c = store.lock(id).orElseThrow(() -> ProblemException.notFound("Crisis case"));
        boolean sameSchool = caller.inSchool(c.district(), c.school());
        boolean psych = sameSchool && caller.hasRole(Roles.PSYCHOLOGIST);
        boolean allowed = switch (who) {
            case PSYCHOLOGIST -> psych;
            case LEAD_ASSIGNER -> psych || (sameSchool && caller.hasRole(Roles.SCHOOL_ADMIN));
            case TEAM_OR_PSYCHOLOGIST -> psych || (caller.inDistrict(c.district()) && store.onTeam(id, caller.id()));
        };
        if (!allowed) {
            throw ProblemException.notFound("Crisis case");
        }
        if (CaseRules.next(c.status(), action).isEmpty()) {
            throw ProblemException.conflictBecause("ILLEGAL_TRANSITION",
                    "A case in state " + c.status() + " does not allow " + action);
        }
        return c;
    }

    private Views.CaseState state(UUID id) {
        CaseRow c = store.find(id).orElseThrow();
        return new Views.CaseState(c.id(), c.status().name(), name(c.level()), name(c.suggestedLevel()),
                store.clocks(id).stream().map(ClockRow::view).toList());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private Instant notInFuture(String field, Instant at, Instant now) {
        if (at.isAfter(now.plus(FUTURE_SKEW))) {
            throw ProblemException.badRequest(field + " must not be in the future",
                    List.of(new Problem.FieldError(field, "must not be in the future")));
        }
        return at;
    }

    // ---------------------------------------------------------------- transitions

    @Transactional
    public Views.CaseState contact(UUID id, Caller caller, Requests.Contact r, Trace trace) {
        CaseRow c = begin(id, caller, Who.PSYCHOLOGIST, CaseAction.CONTACT);
        Instant now = clock.instant();
        Instant at = notInFuture("at", r.at(), now);
        boolean refused = Boolean.TRUE.equals(r.refused());
        Status next = CaseRules.next(c.status(), CaseAction.CONTACT).orElseThrow();
        store.contacted(id, next, at, now);
        store.firstUnmet(id, ClockKind.FIRST_CONTACT).ifPresent(k -> meet(c, k, at, now, trace));
        store.entry(id, at, now, caller.id(), "CONTACT", r.mode().name(), Map.of("refused", refused), r.note());
        Map<String, Object> data = CrisisEvents.data(c);
        data.put("mode", r.mode().name());
        data.put("refused", refused);
        data.put("status", next.name());
        events.publish(EventTypes.Crisis.CONTACTED, c, data, trace);
        return state(id);
    }

    @Transactional
    public Views.CaseState triage(UUID id, Caller caller, Requests.Triage r, Trace trace) {
        CaseRow c = begin(id, caller, Who.PSYCHOLOGIST, CaseAction.TRIAGE);
        Instant now = clock.instant();
        Level suggested = CaseRules.suggest(r.impact(), r.coping(), r.support());
        Level level = r.level() == null ? suggested : r.level();
        Status next = CaseRules.next(c.status(), CaseAction.TRIAGE).orElseThrow();
        store.triaged(id, next, level, suggested, r.impact(), r.coping(), r.support(), now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("level", level.name());
        detail.put("suggestedLevel", suggested.name());
        detail.put("impact", r.impact());
        detail.put("coping", r.coping());
        detail.put("support", r.support());
        store.entry(id, now, now, caller.id(), "TRIAGE", level.name(), detail, r.note());
        if (c.level() == null) {
            store.addClock(id, ClockKind.LEVEL2_INTERVENTION, 0, c.openedAt().plus(config.level2Within()), null,
                    null);
            db.one("""
                    SELECT min(at) FROM case_entry WHERE case_id = ? AND kind = 'ACTION'
                    AND code NOT IN ('DISTRICT_INFORMED', 'GROUP_DEBRIEF')""", rs -> Db.instant(rs, "min"), id)
                    .ifPresent(at -> store.firstUnmet(id, ClockKind.LEVEL2_INTERVENTION)
                            .ifPresent(k -> store.meet(k.id(), at)));
        }
        if (c.level() == Level.EXTREME && level != Level.EXTREME) {
            store.cancelOpenClocks(id, now, ClockKind.WATCH);
        }
        if (level == Level.EXTREME && c.level() != Level.EXTREME) {
            // each grading into EXTREME is its own source event
            alerts.raise(AlertKind.EXTREME_TRIAGE, c.district(), c.school(), "CRITICAL", Alerts.CASE, id,
                    "triage:" + id + ":" + Ids.next(), trace);
        }
        Map<String, Object> data = CrisisEvents.data(c);
        data.put("level", level.name());
        data.put("suggestedLevel", suggested.name());
        data.put("status", next.name());
        events.publish(EventTypes.Crisis.TRIAGED, c, data, trace);
        if (c.level() != null && c.level() != level) {
            Map<String, Object> changed = CrisisEvents.data(c);
            changed.put("level", level.name());
            changed.put("previousLevel", c.level().name());
            events.publish(EventTypes.Crisis.LEVEL_CHANGED, c, changed, trace);
        }
        return state(id);
    }

    @Transactional
    public Views.CaseState lead(UUID id, Caller caller, Requests.Lead r) {
        CaseRow c = begin(id, caller, Who.LEAD_ASSIGNER, CaseAction.LEAD);
        Instant now = clock.instant();
        long valid = db.count("""
                SELECT count(*) FROM qualification WHERE person_id = ? AND kind = 'CRISIS_INTERVENTION'
                AND district = ? AND issued_at <= ? AND (expires_at IS NULL OR expires_at > ?)""",
                r.personId(), c.district(), now, now);
        if (valid == 0) {
            throw ProblemException.conflictBecause("LEAD_NOT_QUALIFIED",
                    "The person holds no valid crisis-intervention qualification in this district");
        }
        if (!directoryAllows(c, r.personId(), PSYCHOLOGY_STAFF)) {
            throw ProblemException.conflictBecause("LEAD_NOT_PSYCHOLOGY_STAFF",
                    "The directory does not list the person as active psychology staff of the case's school");
        }
        store.setLead(id, r.personId(), now);
        store.entry(id, now, now, caller.id(), "LEAD", null, Map.of("personId", r.personId()), null);
        return state(id);
    }

    @Transactional
    public Views.CaseState team(UUID id, Caller caller, Requests.Team r) {
        CaseRow c = begin(id, caller, Who.LEAD_ASSIGNER, CaseAction.TEAM);
        requireExtreme(c);
        Instant now = clock.instant();
        Set<String> roles = new HashSet<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < r.members().size(); i++) {
            if (!roles.add(r.members().get(i).role().name())) {
                errors.add(new Problem.FieldError("members[" + i + "].role", "each role once"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The team is not valid", errors);
        }
        for (int i = 0; i < r.members().size(); i++) {
            Requests.TeamMember m = r.members().get(i);
            if (!directoryAllows(c, m.personId(), m.role().directoryRoles())) {
                errors.add(new Problem.FieldError("members[" + i + "].personId",
                        "the directory does not list this person as an active " + m.role().directoryRoles()
                                + " of the case's school"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(409, "member-not-in-role", "Conflict",
                    "A team member does not hold that role in the case's school", errors)
                    .withReason("MEMBER_NOT_IN_ROLE"));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        for (Requests.TeamMember m : r.members()) {
            store.setTeamMember(id, m.role().name(), m.personId(), now);
            detail.put(m.role().name(), m.personId());
        }
        store.entry(id, now, now, caller.id(), "TEAM", null, detail, null);
        return state(id);
    }

    private static final Set<String> PSYCHOLOGY_STAFF = Set.of("PSYCHOLOGY_TEACHER", "PSYCHOLOGY_CENTRE_HEAD",
            "COUNSELLOR");

    /**
     * The directory's word where it has one: a person it knows must be active and hold one of {@code roles} at the
     * case's school. A person it does not know (projection not yet filled) is accepted.
     */
    private boolean directoryAllows(CaseRow c, String personId, Set<String> roles) {
        Optional<Boolean> known = db.one("SELECT active FROM directory_person WHERE district = ? AND person_id = ?",
                rs -> rs.getBoolean(1), c.district(), personId);
        return known.isEmpty() || known.get() && db.count("""
                SELECT count(*) FROM directory_role WHERE district = ? AND person_id = ? AND school_id = ?
                AND role = ANY (?)""", c.district(), personId, c.school(), roles.toArray(String[]::new)) > 0;
    }

    private static void requireExtreme(CaseRow c) {
        if (c.level() != Level.EXTREME) {
            throw ProblemException.conflictBecause("LEVEL_NOT_EXTREME", "Only an EXTREME case has an emergency team and watch");
        }
    }

    @Transactional
    public Views.CaseState watchShift(UUID id, Caller caller, Requests.WatchShift r, Trace trace) {
        CaseRow c = begin(id, caller, Who.TEAM_OR_PSYCHOLOGIST, CaseAction.WATCH_SHIFT);
        if (!r.to().isAfter(r.from()) || Duration.between(r.from(), r.to()).compareTo(Duration.ofHours(24)) > 0) {
            throw ProblemException.badRequest("A shift ends after it starts and lasts at most 24 hours",
                    List.of(new Problem.FieldError("to", "after from, at most 24 hours later")));
        }
        requireExtreme(c);
        Instant now = clock.instant();
        Duration gap = Duration.ofMinutes(config.watchGapMinutes());
        Instant coveredUntil = store.watchCoveredUntil(id);
        store.addShift(id, r.watcherId(), r.from(), r.to(), now, caller.id());
        store.entry(id, r.from(), now, caller.id(), "WATCH_SHIFT", null,
                Map.of("watcherId", r.watcherId(), "from", r.from().toString(), "to", r.to().toString()), null);
        Optional<ClockRow> armed = store.firstUnmet(id, ClockKind.WATCH);
        if (coveredUntil != null && r.to().isAfter(coveredUntil) && armed.isPresent()) {
            ClockRow k = armed.get();
            if (r.from().isAfter(k.dueAt())) {
                long minutes = Duration.between(coveredUntil, r.from()).toMinutes();
                if (store.breach(k.id(), now)) {
                    store.markBreached(id);
                    store.entry(id, coveredUntil, now, null, "WATCH_GAP", null, Map.of("gapMinutes", minutes),
                            null);
                    publishWatchGap(c, k.dueAt(), minutes, trace);
                }
            }
            store.meet(k.id(), r.from().isBefore(now) ? r.from() : now);
        }
        if (coveredUntil == null || r.to().isAfter(coveredUntil)) {
            store.addClock(id, ClockKind.WATCH, store.nextSeq(id, ClockKind.WATCH), r.to().plus(gap), null, null);
        }
        return state(id);
    }

    /**
     * Meets a clock at {@code at}. Met after its due time and not yet breached by a sweep: breached here, with its
     * event, through the same conditional update the sweep uses, so the breach is raised once either way.
     */
    private void meet(CaseRow c, ClockRow k, Instant at, Instant now, Trace trace) {
        if (at.isAfter(k.dueAt()) && store.breach(k.id(), now)) {
            store.markBreached(c.id());
            store.entry(c.id(), k.dueAt(), now, null, "CLOCK_BREACHED", k.kind().name(), null, null);
            Map<String, Object> data = CrisisEvents.data(c);
            data.put("clock", k.kind().name());
            data.put("dueAt", k.dueAt().toString());
            data.put("level", name(c.level()));
            events.publish(EventTypes.Crisis.SLA_BREACHED, c, data, trace);
        }
        store.meet(k.id(), at);
    }

    void publishWatchGap(CaseRow c, Instant dueAt, long minutes, Trace trace) {
        Map<String, Object> data = CrisisEvents.data(c);
        data.put("dueAt", dueAt.toString());
        data.put("gapMinutes", minutes);
        data.put("level", name(c.level()));
        events.publish(EventTypes.Crisis.WATCH_GAP, c, data, trace);
    }

    @Transactional
    public Views.CaseState action(UUID id, Caller caller, Requests.Action r, Trace trace) {
        CaseRow c = begin(id, caller, Who.PSYCHOLOGIST, CaseAction.ACTION);
        Instant now = clock.instant();
        Instant at = notInFuture("at", r.at(), now);
        store.entry(id, at, now, caller.id(), "ACTION", r.kind().name(),
                r.assigneeId() == null ? null : Map.of("assigneeId", r.assigneeId()), r.note());
        if (r.assigneeId() != null) {
            db.update("""
                    INSERT INTO case_task (id, case_id, district, school, assignee_id, kind, due_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", Ids.next(), id, c.district(), c.school(), r.assigneeId(),
                    r.kind(), r.dueAt(), now);
        }
        if (r.kind().meetsLevel2()) {
            store.firstUnmet(id, ClockKind.LEVEL2_INTERVENTION).ifPresent(k -> meet(c, k, at, now, trace));
        }
        return state(id);
    }

    @Transactional
    public Views.CaseState followUpPlan(UUID id, Caller caller, Requests.FollowUpPlan r) {
        CaseRow c = begin(id, caller, Who.PSYCHOLOGIST, CaseAction.FOLLOW_UP_PLAN);
        Instant now = clock.instant();
        Instant start = r.startsAt() == null ? now : r.startsAt();
        int first = store.nextSeq(id, ClockKind.CHECK_IN);
        for (int w = 0; w < r.weeks(); w++) {
            store.addClock(id, ClockKind.CHECK_IN, first + w, start.plus(Duration.ofDays(7L * (w + 1))), null, null);
        }
        store.setStatus(id, CaseRules.next(c.status(), CaseAction.FOLLOW_UP_PLAN).orElseThrow(), now);
        store.entry(id, now, now, caller.id(), "FOLLOW_UP_PLAN", null,
                Map.of("weeks", r.weeks(), "startsAt", start.toString()), null);
        return state(id);
    }

    @Transactional
    public Views.CaseState checkIn(UUID id, Caller caller, Requests.CheckIn r, Trace trace) {
        CaseRow c = begin(id, caller, Who.PSYCHOLOGIST, CaseAction.CHECK_IN);
        Instant now = clock.instant();
        Instant at = notInFuture("at", r.at(), now);
        ClockRow k = store.firstUnmet(id, ClockKind.CHECK_IN).orElseThrow(() -> ProblemException.conflictBecause(
                "NO_CHECK_IN_DUE", "Every check-in of the follow-up plan is recorded"));
        meet(c, k, at, now, trace);
        store.entry(id, at, now, caller.id(), "CHECK_IN", "WEEK_" + k.seq(),
                Map.of("week", k.seq(), "attended", !Boolean.FALSE.equals(r.attended())), r.note());
        return state(id);
    }

    @Transactional
    public Views.CaseState close(UUID id, Caller caller, Requests.Close r, Trace trace) {
        CaseRow c = begin(id, caller, Who.PSYCHOLOGIST, CaseAction.CLOSE);
        Instant now = clock.instant();
        store.close(id, r.outcome().name(), r.review().wentWell(), r.review().toChange(), now);
        store.cancelOpenClocks(id, now);
        store.entry(id, now, now, caller.id(), "CLOSED", r.outcome().name(), null, null);
        Map<String, Object> data = CrisisEvents.data(c);
        data.put("outcome", r.outcome().name());
        data.put("level", name(c.level()));
        data.put("status", Status.CLOSED.name());
        events.publish(EventTypes.Crisis.CLOSED, c, data, trace);
        return state(id);
    }

    @Transactional
    public Views.CaseState reopen(UUID id, Caller caller, Requests.Reopen r, Trace trace) {
        CaseRow c = begin(id, caller, Who.PSYCHOLOGIST, CaseAction.REOPEN);
        if (store.lockOpenCaseOf(c.district(), c.subjectId()).isPresent()) {
            throw ProblemException.conflictBecause("OPEN_CASE_EXISTS", "The person has another open case");
        }
        Instant now = clock.instant();
        store.reopen(id, now);
        store.entry(id, now, now, caller.id(), "REOPENED", null, null, r.reason());
        Map<String, Object> data = CrisisEvents.data(c);
        data.put("status", Status.TRIAGED.name());
        data.put("level", name(c.level()));
        events.publish(EventTypes.Crisis.REOPENED, c, data, trace);
        return state(id);
    }

    // ---------------------------------------------------------------- views

    @Transactional
    public Views.CaseDetail detail(UUID id, Caller caller) {
        CaseRow c = store.find(id).orElseThrow(() -> ProblemException.notFound("Crisis case"));
        boolean inDistrict = caller.inDistrict(c.district());
        boolean privileged = inDistrict && ((caller.hasRole(Roles.PSYCHOLOGIST) && caller.inSchool(c.district(), c.school()))
                || store.onTeam(id, caller.id()));
        boolean oversight = inDistrict && caller.hasRole(Roles.DISTRICT_ADMIN)
                && (c.level() == Level.EXTREME || c.breached());
        if (!privileged && !oversight) {
            throw ProblemException.notFound("Crisis case");
        }
        auditLog.recordReads(caller, c.school(), CASE_ENDPOINT,
                List.of(new AuditLog.Target("crisis-case", id.toString(), c.subjectId())));
        List<Views.Entry> timeline = store.timeline(id, privileged);
        if (!privileged) {
            timeline = timeline.stream().map(e -> new Views.Entry(e.at(), e.kind(), e.code(), e.actor(), null, null))
                    .toList();
        }
        return new Views.CaseDetail(c.id(), privileged ? "FULL" : "OVERSIGHT", c.subjectId(), c.subjectType(),
                c.school(), c.status().name(), name(c.level()), name(c.suggestedLevel()),
                privileged ? new Views.Factors(c.impact(), c.coping(), c.support()) : null, c.leadId(),
                c.openedAt(), c.openedFrom(), c.firstContactAt(), c.closedAt(), c.outcome(),
                privileged && c.reviewWentWell() != null ? new Views.Review(c.reviewWentWell(), c.reviewToChange())
                        : null,
                c.reopenCount(), c.breached(), store.sources(id),
                store.clocks(id).stream().map(ClockRow::view).toList(), store.team(id), store.shifts(id),
                store.reports(id, privileged), timeline);
    }

    public Page<Views.CaseSummary> list(Caller caller, Status status, Level level, Boolean overdue,
            PageRequest page) {
        Instant now = clock.instant();
        boolean psych = caller.hasRole(Roles.PSYCHOLOGIST) && caller.school() != null;
        String district = caller.requireDistrict();
        List<CaseStore.CaseListRow> rows;
        if (psych) {
            rows = store.list(district, caller.school(), false, status, level, overdue, now, page);
        } else if (caller.hasRole(Roles.DISTRICT_ADMIN)) {
            rows = store.list(district, null, true, status, level, overdue, now, page);
        } else {
            throw ProblemException.forbidden("Only psychology staff and the district see crisis cases");
        }
        return page.page(rows, r -> r.row().openedAt(), r -> r.row().id(), r -> new Views.CaseSummary(r.row().id(),
                r.row().subjectId(), r.row().subjectType(), r.row().school(), r.row().status().name(),
                name(r.row().level()), r.row().openedAt(), r.nextDue() != null && r.nextDue().isBefore(now),
                r.row().breached(), r.nextDue()));
    }
}
