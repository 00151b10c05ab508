package io.heartline.training.compliance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.training.directory.SchoolRole;
import io.heartline.training.hours.CountyEventsRequirement;
import io.heartline.training.hours.CountyEventsRule;
import io.heartline.training.hours.HoursRequirements;
import io.heartline.training.hours.HoursRule;

/**
 * The compliance report of a district or a school for a year (docs/training-records.md "Compliance"): five
 * set-based queries (staff and roles, hours, valid certificates, students per school, schools), then the rules in
 * memory. Certificates count when valid at the report's moment: now for the current year, the year's end for a past
 * year.
 */
@ApplicationScoped
public class ComplianceReport {

    /** Targets: ≥ 80 % of staff at level C or above; ≥ 90 % of these roles at B or above. */
    public static final BigDecimal TARGET_C = new BigDecimal("0.80");
    public static final BigDecimal TARGET_B = new BigDecimal("0.90");
    static final Set<SchoolRole> B_ROLES = EnumSet.of(SchoolRole.PSYCHOLOGY_TEACHER, SchoolRole.CLASS_TEACHER,
            SchoolRole.SCHOOL_LEADER);

    public record PersonRow(String personId, List<String> schoolIds, List<String> roles, BigDecimal requiredHours,
            BigDecimal creditedHours, boolean hoursMet, int provincialConferences, boolean fullTimePsychologyTeacher,
            int countyEvents, Integer requiredCountyEvents, Boolean countyEventsMet, String qualificationLevel,
            boolean crisisIntervention, boolean cycleDue) {
    }

    public record SchoolRow(String schoolId, String name, long students, int staff,
            int requiredFullTimePsychologyTeachers, int fullTimePsychologyTeachers, boolean psychologyTeacherPresent,
            boolean staffingMet, int hoursMet, int hoursShortfall, int countyEventsMet, int countyEventsShortfall,
            int cycleDue, BigDecimal coverageC, boolean coverageCMet, BigDecimal coverageB, boolean coverageBMet) {
    }

    public record DistrictRow(String district, int year, int schools, int schoolsMeetingStaffing,
            int schoolsWithoutFullTimePsychologyTeacher, long students, int staff, int hoursMet, int hoursShortfall,
            int requiredCountyEvents, int countyEventsMet, int countyEventsShortfall, int cycleDue,
            BigDecimal coverageC, boolean coverageCMet, BigDecimal coverageB, boolean coverageBMet) {
    }

    public record Report(String district, int year, List<PersonRow> people, List<SchoolRow> schools,
            DistrictRow summary) {
    }

    private record Cached(Report report, Instant generatedAt, long atNanos) {
    }

    private final AgroalDataSource dataSource;
    private final HoursRequirements requirements;
    private final CountyEventsRequirement countyEventsRequirement;
    private final Clock clock;
    private final long ttlNanos;
    private final java.util.concurrent.ConcurrentHashMap<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    ComplianceReport(AgroalDataSource dataSource, HoursRequirements requirements,
            CountyEventsRequirement countyEventsRequirement, Clock clock,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "heartline.training.compliance.cache-ttl")
            java.time.Duration ttl) {
        this.dataSource = dataSource;
        this.requirements = requirements;
        this.countyEventsRequirement = countyEventsRequirement;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
    }

    /** A report and when it was computed. */
    public record Generated(Report report, Instant generatedAt) {
    }

    /**
     * The report, computed at most once per {@code heartline.training.compliance.cache-ttl} per (district, school,
     * year) and instance: concurrent askers of the same report share one computation (a report is as of
     * {@code generatedAt}).
     */
    public Generated cached(String district, String school, int year) {
        if (ttlNanos <= 0) {
            return new Generated(report(district, school, year), clock.instant());
        }
        String key = district + "\u0000" + school + "\u0000" + year;
        Cached c = cache.get(key);
        if (c != null && System.nanoTime() - c.atNanos() < ttlNanos) {
            return new Generated(c.report(), c.generatedAt());
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            c = cache.get(key);
            if (c == null || System.nanoTime() - c.atNanos() >= ttlNanos) {
                Instant at = clock.instant();
                c = new Cached(report(district, school, year), at, System.nanoTime());
                if (cache.size() > 1000) {
                    long now = System.nanoTime();
                    cache.values().removeIf(old -> now - old.atNanos() >= ttlNanos);
                }
                cache.put(key, c);
            }
            return new Generated(c.report(), c.generatedAt());
        }
    }

    private static final class Staff {
        final String personId;
        final Set<String> schools = new LinkedHashSet<>();
        final Set<SchoolRole> roles = EnumSet.noneOf(SchoolRole.class);
        BigDecimal hours = BigDecimal.ZERO;
        int provincial;
        int countyEvents;
        boolean fullTimePsych;
        boolean trainedInCycle;
        String level;
        boolean crisis;

        Staff(String personId) {
            this.personId = personId;
        }
    }

    /** @param school null for the whole district */
    @Transactional
    public Report report(String district, String school, int year) {
        Instant now = clock.instant();
        int currentYear = now.atZone(ZoneOffset.UTC).getYear();
        Instant asOf = year >= currentYear ? now : LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        // Hash lookups for the 60 000-odd rows of a district that are matched to people; sorted once at the end.
        Map<String, Staff> staff = new HashMap<>(1 << 15);
        Map<String, String> schoolNames = new TreeMap<>();
        Map<String, Long> students = new HashMap<>();
        Map<String, Integer> fullTimePsych = new HashMap<>();
        Map<SchoolRole, BigDecimal> perRole;
        int countyRequired;
        try (Connection c = dataSource.getConnection()) {
            perRole = requirements.forDistrict(c, district);
            countyRequired = countyEventsRequirement.forDistrict(c, district);
            query(c, "SELECT school_id, name FROM school WHERE district = ? AND active"
                    + (school == null ? "" : " AND school_id = ?"), district, school,
                    rs -> schoolNames.put(rs.getString(1), rs.getString(2)));
            String staffSql = school == null ? """
                    SELECT p.person_id, p.school_id, r.school_id, r.role, r.full_time
                    FROM person p LEFT JOIN staff_role r ON r.district = p.district AND r.person_id = p.person_id
                    WHERE p.district = ? AND p.kind = 'STAFF' AND p.active""" : """
                    WITH ids AS (SELECT person_id FROM staff_role WHERE district = ? AND school_id = ?
                                 UNION SELECT person_id FROM person
                                 WHERE district = ? AND school_id = ? AND kind = 'STAFF' AND active)
                    SELECT p.person_id, p.school_id, r.school_id, r.role, r.full_time
                    FROM ids JOIN person p ON p.district = ? AND p.person_id = ids.person_id
                    LEFT JOIN staff_role r ON r.district = p.district AND r.person_id = p.person_id
                    WHERE p.kind = 'STAFF' AND p.active""";
            query(c, staffSql,
                    district, school, rs -> {
                        Staff s = staff.computeIfAbsent(rs.getString(1), Staff::new);
                        String roleSchool = rs.getString(3);
                        if (roleSchool != null) {
                            s.schools.add(roleSchool);
                            SchoolRole role = SchoolRole.valueOf(rs.getString(4));
                            s.roles.add(role);
                            if (role == SchoolRole.PSYCHOLOGY_TEACHER && rs.getBoolean(5)) {
                                fullTimePsych.merge(roleSchool, 1, Integer::sum);
                                s.fullTimePsych = true;
                            }
                        } else if (rs.getString(2) != null) {
                            s.schools.add(rs.getString(2));
                        }
                    });
            // One school: only its staff's rows; the district: every row of the three years.
            String only = school == null ? "" : " AND person_id = ANY (?)";
            java.sql.Array ids = school == null ? null : c.createArrayOf("text", staff.keySet().toArray());
            // hours_year has one row per (person, year): read the three years' rows as they are (a range of its
            // primary key) and fold them here; a GROUP BY with FILTERs cost PostgreSQL more than the fold costs Java.
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT person_id, year, hours, provincial_conferences, county_events, course_credits
                    FROM hours_year WHERE district = ? AND year BETWEEN ? AND ?""" + only)) {
                ps.setString(1, district);
                ps.setInt(2, year - 2);
                ps.setInt(3, year);
                if (school != null) {
                    ps.setArray(4, ids);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Staff s = staff.get(rs.getString(1));
                        if (s == null) {
                            continue;
                        }
                        if (rs.getInt(2) == year) {
                            s.hours = rs.getBigDecimal(3);
                            s.provincial = rs.getInt(4);
                            s.countyEvents = rs.getInt(5);
                        }
                        if (rs.getInt(6) > 0) {
                            s.trainedInCycle = true;
                        }
                    }
                }
            }
            // Valid qualifications as rows, folded here (highest level: A < B < C; a GROUP BY cost more, see docs).
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT person_id, kind FROM certificate
                    WHERE district = ? AND revoked_at IS NULL AND issued_at <= ? AND (expires_at IS NULL OR expires_at > ?)
                      AND kind IN ('QUALIFICATION_A', 'QUALIFICATION_B', 'QUALIFICATION_C', 'CRISIS_INTERVENTION')"""
                    + only)) {
                ps.setString(1, district);
                ps.setTimestamp(2, Timestamp.from(asOf));
                ps.setTimestamp(3, Timestamp.from(asOf));
                if (school != null) {
                    ps.setArray(4, ids);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Staff s = staff.get(rs.getString(1));
                        if (s == null) {
                            continue;
                        }
                        String kind = rs.getString(2);
                        if (kind.equals("CRISIS_INTERVENTION")) {
                            s.crisis = true;
                        } else {
                            String level = kind.substring("QUALIFICATION_".length());
                            if (s.level == null || level.compareTo(s.level) < 0) {
                                s.level = level;
                            }
                        }
                    }
                }
            }
            query(c, "SELECT school_id, count(*) FROM person WHERE district = ? AND kind = 'STUDENT' AND active"
                    + (school == null ? " AND school_id IS NOT NULL" : " AND school_id = ?") + " GROUP BY school_id",
                    district, school, rs -> students.put(rs.getString(1), rs.getLong(2)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot compute the compliance report", e);
        }

        List<PersonRow> people = new ArrayList<>(staff.size());
        Map<String, List<PersonRow>> bySchool = new HashMap<>();
        Map<String, Staff> staffById = staff;
        List<Staff> ordered = new ArrayList<>(staff.values());
        ordered.sort(java.util.Comparator.comparing(st -> st.personId));
        for (Staff s : ordered) {
            BigDecimal required = HoursRule.required(s.roles, perRole);
            PersonRow row = new PersonRow(s.personId, List.copyOf(s.schools),
                    s.roles.stream().map(Enum::name).toList(), required, s.hours,
                    HoursRule.met(s.roles, perRole, s.hours, s.provincial), s.provincial, s.fullTimePsych,
                    s.countyEvents, s.fullTimePsych ? countyRequired : null,
                    CountyEventsRule.met(s.fullTimePsych, countyRequired, s.countyEvents), s.level, s.crisis,
                    !s.trainedInCycle);
            people.add(row);
            for (String sc : s.schools) {
                if (school == null || school.equals(sc)) {
                    bySchool.computeIfAbsent(sc, k -> new ArrayList<>()).add(row);
                }
            }
        }
        List<SchoolRow> schools = new ArrayList<>();
        for (var e : schoolNames.entrySet()) {
            String sc = e.getKey();
            List<PersonRow> rows = bySchool.getOrDefault(sc, List.of());
            long st = students.getOrDefault(sc, 0L);
            int ft = fullTimePsych.getOrDefault(sc, 0);
            int req = StaffingRule.requiredFullTimePsychologyTeachers(st);
            BigDecimal covC = share(rows, r -> true, r -> atLeast(r.qualificationLevel(), "C"));
            BigDecimal covB = share(rows, r -> r.roles().stream().anyMatch(x -> B_ROLES.contains(SchoolRole.valueOf(x))),
                    r -> atLeast(r.qualificationLevel(), "B"));
            schools.add(new SchoolRow(sc, e.getValue(), st, rows.size(), req, ft, ft > 0, ft >= req,
                    (int) rows.stream().filter(PersonRow::hoursMet).count(),
                    (int) rows.stream().filter(r -> !r.hoursMet()).count(),
                    (int) rows.stream().filter(r -> Boolean.TRUE.equals(r.countyEventsMet())).count(),
                    (int) rows.stream().filter(r -> Boolean.FALSE.equals(r.countyEventsMet())).count(),
                    (int) rows.stream().filter(PersonRow::cycleDue).count(), covC,
                    covC == null || covC.compareTo(TARGET_C) >= 0, covB, covB == null || covB.compareTo(TARGET_B) >= 0));
        }
        BigDecimal covC = share(people, r -> true, r -> atLeast(r.qualificationLevel(), "C"));
        BigDecimal covB = share(people, r -> r.roles().stream().anyMatch(x -> B_ROLES.contains(SchoolRole.valueOf(x))),
                r -> atLeast(r.qualificationLevel(), "B"));
        DistrictRow d = new DistrictRow(district, year, schools.size(),
                (int) schools.stream().filter(SchoolRow::staffingMet).count(),
                (int) schools.stream().filter(s -> !s.psychologyTeacherPresent()).count(),
                schools.stream().mapToLong(SchoolRow::students).sum(), people.size(),
                (int) people.stream().filter(PersonRow::hoursMet).count(),
                (int) people.stream().filter(r -> !r.hoursMet()).count(), countyRequired,
                (int) people.stream().filter(r -> Boolean.TRUE.equals(r.countyEventsMet())).count(),
                (int) people.stream().filter(r -> Boolean.FALSE.equals(r.countyEventsMet())).count(),
                (int) people.stream().filter(PersonRow::cycleDue).count(), covC,
                covC == null || covC.compareTo(TARGET_C) >= 0, covB, covB == null || covB.compareTo(TARGET_B) >= 0);
        if (school != null) {
            people = people.stream().filter(p -> staffById.get(p.personId()).schools.contains(school)).toList();
        }
        return new Report(district, year, people, schools, d);
    }

    /** "C" is the base level, "A" the highest: A ≥ B ≥ C. */
    static boolean atLeast(String level, String wanted) {
        return level != null && level.compareTo(wanted) <= 0;
    }

    private static BigDecimal share(List<PersonRow> rows, java.util.function.Predicate<PersonRow> in,
            java.util.function.Predicate<PersonRow> ok) {
        long n = rows.stream().filter(in).count();
        if (n == 0) {
            return null;
        }
        long k = rows.stream().filter(in).filter(ok).count();
        return BigDecimal.valueOf(k).divide(BigDecimal.valueOf(n), 4, RoundingMode.HALF_UP);
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Binds the district, then the school to every further parameter; the school CTE takes (d, s, d, s, d). */
    private static void query(Connection c, String sql, String district, String school, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n = (int) sql.chars().filter(ch -> ch == '?').count();
            boolean cte = sql.contains("WITH ids");
            for (int i = 1; i <= n; i++) {
                boolean schoolParam = cte ? i % 2 == 0 : i > 1;
                ps.setString(i, schoolParam ? school : district);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }
}
