package io.heartline.crisis.oncall;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heartline.crisis.Db;
import io.heartline.crisis.oncall.OnCallViews.OverrideBody;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;

/**
 * On-call schedules and escalation policies per (district, school), the district centre's under
 * {@code schoolId = district}; and the resolution of a policy step's target to a person at an instant.
 */
@ApplicationScoped
public class OnCall {

    public static final String ON_CALL = "ON_CALL";
    public static final String CENTRE_HEAD = "CENTRE_HEAD";
    public static final String DISTRICT_ON_CALL = "DISTRICT_ON_CALL";
    static final Set<String> TARGET_KEYWORDS = Set.of(ON_CALL, CENTRE_HEAD, DISTRICT_ON_CALL);
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    static final Duration MIN_ACK = Duration.ofSeconds(30);
    static final Duration MAX_ACK = Duration.ofHours(24);
    public static final Duration DEFAULT_ACK = Duration.ofMinutes(5);
    /** Used when neither the school nor its district configured one (docs/crisis.md "Alerts"). */
    public static final List<OnCallViews.Step> DEFAULT_STEPS = List.of(new OnCallViews.Step(ON_CALL, "PT5M"),
            new OnCallViews.Step(CENTRE_HEAD, "PT5M"), new OnCallViews.Step(DISTRICT_ON_CALL, "PT5M"));
    static final List<String> PSYCHOLOGY_ROLES = List.of("PSYCHOLOGY_TEACHER", "PSYCHOLOGY_CENTRE_HEAD", "COUNSELLOR");

    private final Db db;
    private final Clock clock;
    private final ObjectMapper json;

    OnCall(Db db, Clock clock, ObjectMapper json) {
        this.db = db;
        this.clock = clock;
        this.json = json;
    }

    // ---------------------------------------------------------------- access

    /** school-admin: own school; district-admin: the district's own ({@code schoolId = district}); else 404. */
    String manageScope(Caller caller, String schoolId) {
        String district = caller.requireDistrict();
        boolean ok = caller.hasRole(Roles.DISTRICT_ADMIN) ? schoolId.equals(district)
                : caller.hasRole(Roles.SCHOOL_ADMIN) && caller.inSchool(district, schoolId);
        if (!ok) {
            throw ProblemException.notFound("On-call settings");
        }
        return district;
    }

    // ---------------------------------------------------------------- schedules

    record ScheduleRow(String district, String schoolId, List<String> participants, String shiftLength,
            LocalTime handover, String zone, LocalDate startsOn, List<OverrideBody> overrides, Instant updatedAt,
            String updatedBy) {
        Rota rota() {
            return new Rota(participants, ShiftLength.parse(shiftLength), handover, ZoneId.of(zone), startsOn,
                    overrides.stream().map(o -> new Rota.Override(o.personId(), o.from(), o.to())).toList());
        }
    }

    Optional<ScheduleRow> schedule(String district, String schoolId) {
        return db.one("SELECT * FROM on_call_schedule WHERE district = ? AND school_id = ?", rs -> {
            String[] p = (String[]) rs.getArray("participants").getArray();
            return new ScheduleRow(rs.getString("district"), rs.getString("school_id"), List.of(p),
                    rs.getString("shift_length"), rs.getObject("handover_time", LocalTime.class),
                    rs.getString("time_zone"), rs.getObject("starts_on", LocalDate.class),
                    readOverrides(rs.getString("overrides")), Db.instant(rs, "updated_at"),
                    rs.getString("updated_by"));
        }, district, schoolId);
    }

    public OnCallViews.Schedule getSchedule(Caller caller, String schoolId) {
        String district = manageScope(caller, schoolId);
        ScheduleRow r = schedule(district, schoolId).orElseThrow(() -> ProblemException.notFound("On-call schedule"));
        return view(r);
    }

    @Transactional
    public OnCallViews.Schedule putSchedule(Caller caller, String schoolId, OnCallViews.ScheduleBody b) {
        String district = manageScope(caller, schoolId);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (b == null) {
            throw ProblemException.badRequest("A schedule body is required");
        }
        List<String> participants = b.participants() == null ? List.of() : b.participants();
        if (participants.isEmpty() || participants.size() > 100) {
            errors.add(new Problem.FieldError("participants", "1 to 100 people in rotation order"));
        }
        for (int i = 0; i < participants.size(); i++) {
            if (!validPerson(participants.get(i))) {
                errors.add(new Problem.FieldError("participants[" + i + "]", "a person id (1-64 characters)"));
            }
        }
        if (participants.size() != new LinkedHashSet<>(participants).size()) {
            errors.add(new Problem.FieldError("participants", "each person once"));
        }
        String length = b.shiftLength() == null ? "P7D" : b.shiftLength();
        try {
            ShiftLength.parse(length);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("shiftLength", e.getMessage()));
        }
        LocalTime handover = LocalTime.of(8, 0);
        if (b.handoverTime() != null) {
            try {
                handover = LocalTime.parse(b.handoverTime());
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("handoverTime", "a local time such as 08:00"));
            }
        }
        ZoneId zone = DEFAULT_ZONE;
        if (b.timeZone() != null) {
            try {
                zone = ZoneId.of(b.timeZone());
            } catch (DateTimeException e) {
                errors.add(new Problem.FieldError("timeZone", "an IANA time zone such as Asia/Shanghai"));
            }
        }
        LocalDate startsOn = LocalDate.ofInstant(clock.instant(), zone);
        if (b.startsOn() != null) {
            try {
                startsOn = LocalDate.parse(b.startsOn());
            } catch (DateTimeParseException e) {
                errors.add(new Problem.FieldError("startsOn", "a date such as 2026-03-02"));
            }
        }
        List<OverrideBody> overrides = b.overrides() == null ? List.of() : b.overrides();
        if (overrides.size() > 200) {
            errors.add(new Problem.FieldError("overrides", "at most 200"));
        }
        for (int i = 0; i < overrides.size(); i++) {
            OverrideBody o = overrides.get(i);
            if (o == null || !validPerson(o.personId())) {
                errors.add(new Problem.FieldError("overrides[" + i + "].personId", "a person id (1-64 characters)"));
            }
            if (o == null || o.from() == null || o.to() == null || !o.to().isAfter(o.from())) {
                errors.add(new Problem.FieldError("overrides[" + i + "].to", "from and to, to after from"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The schedule is not valid", errors);
        }
        Instant now = clock.instant();
        db.update("""
                INSERT INTO on_call_schedule (district, school_id, participants, shift_length, handover_time, time_zone,
                    starts_on, overrides, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (district, school_id) DO UPDATE SET participants = EXCLUDED.participants,
                    shift_length = EXCLUDED.shift_length, handover_time = EXCLUDED.handover_time,
                    time_zone = EXCLUDED.time_zone, starts_on = EXCLUDED.starts_on, overrides = EXCLUDED.overrides,
                    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""",
                district, schoolId, participants.toArray(String[]::new), length.toUpperCase(java.util.Locale.ROOT),
                handover, zone.getId(), startsOn, new Db.Jsonb(write(overrides)), now, caller.id());
        return view(schedule(district, schoolId).orElseThrow());
    }

    private OnCallViews.Schedule view(ScheduleRow r) {
        Set<String> people = new LinkedHashSet<>(r.participants());
        r.overrides().forEach(o -> people.add(o.personId()));
        List<OnCallViews.Warning> warnings = new ArrayList<>();
        for (String p : people) {
            if (!isPsychologyStaff(r.district(), r.schoolId(), p)) {
                warnings.add(new OnCallViews.Warning(p, r.schoolId().equals(r.district())
                        ? "the directory does not know this person as psychology staff of the district"
                        : "the directory does not know this person as psychology staff of the school"));
            }
        }
        return new OnCallViews.Schedule(r.schoolId(), r.participants(), r.shiftLength(), r.handover().toString(),
                r.zone(), r.startsOn().toString(), r.overrides(), r.updatedAt(), r.updatedBy(), warnings);
    }

    /** Active psychology staff of the school (for the district's schedule: of any school of the district). */
    boolean isPsychologyStaff(String district, String schoolId, String person) {
        boolean districtWide = schoolId.equals(district);
        return db.count("""
                SELECT count(*) FROM directory_role r JOIN directory_person p
                  ON p.district = r.district AND p.person_id = r.person_id AND p.active
                WHERE r.district = ? AND r.person_id = ? AND r.role = ANY(?) AND (? OR r.school_id = ?)""",
                district, person, PSYCHOLOGY_ROLES.toArray(String[]::new), districtWide, schoolId) > 0;
    }

    // ---------------------------------------------------------------- policies

    record PolicyRow(List<OnCallViews.Step> steps, String source, Instant updatedAt, String updatedBy) {
    }

    Optional<PolicyRow> storedPolicy(String district, String schoolId, String source) {
        return db.one("SELECT steps, updated_at, updated_by FROM escalation_policy WHERE district = ? AND school_id = ?",
                rs -> new PolicyRow(readSteps(rs.getString("steps")), source, Db.instant(rs, "updated_at"),
                        rs.getString("updated_by")), district, schoolId);
    }

    /** The policy in force for a school: its own, else the district's, else {@link #DEFAULT_STEPS}. */
    public List<OnCallViews.Step> policyFor(String district, String school) {
        return effectivePolicy(district, school).steps();
    }

    PolicyRow effectivePolicy(String district, String schoolId) {
        return storedPolicy(district, schoolId, "CONFIGURED")
                .or(() -> storedPolicy(district, district, "DISTRICT"))
                .orElse(new PolicyRow(DEFAULT_STEPS, "DEFAULT", null, null));
    }

    public OnCallViews.Policy getPolicy(Caller caller, String schoolId) {
        String district = manageScope(caller, schoolId);
        PolicyRow p = effectivePolicy(district, schoolId);
        return new OnCallViews.Policy(schoolId, p.steps(), p.source(), p.updatedAt(), p.updatedBy());
    }

    @Transactional
    public OnCallViews.Policy putPolicy(Caller caller, String schoolId, OnCallViews.PolicyBody b) {
        String district = manageScope(caller, schoolId);
        List<Problem.FieldError> errors = new ArrayList<>();
        List<OnCallViews.StepBody> in = b == null || b.steps() == null ? List.of() : b.steps();
        if (in.isEmpty() || in.size() > 10) {
            errors.add(new Problem.FieldError("steps", "1 to 10 steps"));
        }
        List<OnCallViews.Step> steps = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            OnCallViews.StepBody s = in.get(i);
            String target = s == null ? null : s.target();
            if (target == null || !(TARGET_KEYWORDS.contains(target) || validPerson(target))) {
                errors.add(new Problem.FieldError("steps[" + i + "].target",
                        "ON_CALL, CENTRE_HEAD, DISTRICT_ON_CALL or a person id"));
            }
            Duration ack = DEFAULT_ACK;
            if (s != null && s.ackWithin() != null) {
                try {
                    ack = Duration.parse(s.ackWithin());
                    if (ack.compareTo(MIN_ACK) < 0 || ack.compareTo(MAX_ACK) > 0) {
                        errors.add(new Problem.FieldError("steps[" + i + "].ackWithin", "from PT30S to PT24H"));
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new Problem.FieldError("steps[" + i + "].ackWithin", "an ISO-8601 duration (PT5M)"));
                }
            }
            steps.add(new OnCallViews.Step(target, ack.toString()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The policy is not valid", errors);
        }
        db.update("""
                INSERT INTO escalation_policy (district, school_id, steps, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (district, school_id) DO UPDATE SET steps = EXCLUDED.steps, updated_at = EXCLUDED.updated_at,
                    updated_by = EXCLUDED.updated_by""",
                district, schoolId, new Db.Jsonb(write(steps)), clock.instant(), caller.id());
        return getPolicy(caller, schoolId);
    }

    // ---------------------------------------------------------------- now

    public OnCallViews.Now now(Caller caller, String schoolId) {
        String district = caller.requireDistrict();
        String school = schoolId == null || schoolId.isBlank() ? caller.school() : schoolId;
        if (school == null) {
            throw ProblemException.badRequest("schoolId is required for district accounts",
                    List.of(new Problem.FieldError("schoolId", "required")));
        }
        boolean ok = caller.hasRole(Roles.DISTRICT_ADMIN) || caller.inSchool(district, school);
        if (!ok) {
            throw ProblemException.notFound("On-call schedule");
        }
        Instant t = clock.instant();
        Optional<ScheduleRow> s = schedule(district, school);
        if (s.isEmpty()) {
            return new OnCallViews.Now(school, DEFAULT_ZONE.getId(), null, null);
        }
        Rota rota = s.get().rota();
        return new OnCallViews.Now(school, s.get().zone(), rota.at(t).map(OnCall::duty).orElse(null),
                rota.next(t).map(OnCall::duty).orElse(null));
    }

    private static OnCallViews.Duty duty(Rota.Duty d) {
        return new OnCallViews.Duty(d.personId(), d.from(), d.until(), d.override());
    }

    // ---------------------------------------------------------------- resolution

    /** The person a step's target means at {@code at}; empty when nobody can be found. */
    public Optional<String> resolve(String district, String school, String target, Instant at) {
        return switch (target) {
            case ON_CALL -> onDuty(district, school, at);
            case DISTRICT_ON_CALL -> onDuty(district, district, at);
            case CENTRE_HEAD -> db.one("""
                    SELECT r.person_id FROM directory_role r JOIN directory_person p
                      ON p.district = r.district AND p.person_id = r.person_id AND p.active
                    WHERE r.district = ? AND r.school_id = ? AND r.role = 'PSYCHOLOGY_CENTRE_HEAD'
                    ORDER BY r.person_id LIMIT 1""", rs -> rs.getString(1), district, school);
            default -> Optional.of(target);
        };
    }

    public Optional<String> onDuty(String district, String schoolId, Instant at) {
        return schedule(district, schoolId).flatMap(s -> s.rota().at(at)).map(Rota.Duty::personId);
    }

    // ---------------------------------------------------------------- json

    static boolean validPerson(String p) {
        return p != null && !p.isBlank() && p.length() <= 64 && p.strip().equals(p);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<OverrideBody> readOverrides(String s) {
        try {
            return json.readValue(s, new TypeReference<List<OverrideBody>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<OnCallViews.Step> readSteps(String s) {
        try {
            return json.readValue(s, new TypeReference<List<OnCallViews.Step>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
