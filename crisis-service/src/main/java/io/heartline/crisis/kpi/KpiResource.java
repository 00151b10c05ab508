package io.heartline.crisis.kpi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.heartline.crisis.Db;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;

/**
 * District targets per school or district over a period of days (inclusive, in the schools' time zone). Every count
 * of 1 to 4 people is shown as {@code "<5"}, and a share, median or percentile computed over fewer than 5 people is
 * {@code "<5"} too, so that no cell points at a person.
 */
@Path("/api/v1/crisis-kpis")
@Produces(MediaType.APPLICATION_JSON)
public class KpiResource {

    static final String SUPPRESSED = "<5";
    static final int MIN_CELL = 5;

    private final Db db;
    private final CurrentCaller caller;
    private final Clock clock;
    private final ZoneId zone;

    KpiResource(Db db, CurrentCaller caller, Clock clock,
            @ConfigProperty(name = "heartline.crisis.time-zone", defaultValue = "Asia/Shanghai") String zone) {
        this.db = db;
        this.caller = caller;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    @GET
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Map<String, Object> kpis(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("schoolId") String schoolId) {
        Caller c = caller.get();
        String district = c.requireDistrict();
        String school;
        if (c.hasRole(Roles.DISTRICT_ADMIN)) {
            school = blank(schoolId) ? null : schoolId;
        } else {
            school = c.requireSchool();
            if (!blank(schoolId) && !schoolId.equals(school)) {
                throw ProblemException.notFound("School");
            }
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate f = date("from", from, errors);
        LocalDate t = date("to", to, errors);
        if (f != null && t != null && (t.isBefore(f) || f.plusYears(5).isBefore(t))) {
            errors.add(new Problem.FieldError("to", "on or after from, within 5 years"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The period is not valid", errors);
        }
        Instant start = f.atStartOfDay(zone).toInstant();
        Instant end = t.plusDays(1).atStartOfDay(zone).toInstant();
        String scope = " AND district = ?" + (school == null ? "" : " AND school = ?");
        Object[] scopeArgs = school == null ? new Object[] { district } : new Object[] { district, school };

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("district", district);
        out.put("schoolId", school);
        out.put("from", f.toString());
        out.put("to", t.toString());
        out.put("timeZone", zone.getId());

        Map<String, Object> channels = new LinkedHashMap<>();
        for (var row : db.list("SELECT channel, count(*) FROM crisis_report WHERE reported_at >= ? AND reported_at < ?"
                + scope + " GROUP BY channel ORDER BY channel", rs -> Map.entry(rs.getString(1), rs.getLong(2)),
                args(start, end, scopeArgs))) {
            channels.put(row.getKey(), cell(row.getValue()));
        }
        out.put("reportsByChannel", channels);

        String cases = " FROM crisis_case WHERE opened_at >= ? AND opened_at < ?" + scope;
        Map<String, Object> levels = new LinkedHashMap<>();
        for (var row : db.list("SELECT COALESCE(level, 'UNGRADED'), count(*)" + cases + " GROUP BY 1 ORDER BY 1",
                rs -> Map.entry(rs.getString(1), rs.getLong(2)), args(start, end, scopeArgs))) {
            levels.put(row.getKey(), cell(row.getValue()));
        }
        out.put("casesByLevel", levels);
        long opened = db.count("SELECT count(*)" + cases, args(start, end, scopeArgs));
        out.put("casesOpened", cell(opened));

        // first contact: minutes from opening to the first contact, over cases contacted so far
        var fc = db.one("""
                SELECT count(*) AS n,
                       count(*) FILTER (WHERE first_contact_at <= opened_at + interval '2 hours') AS within,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_contact_at - opened_at)) AS p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_contact_at - opened_at)) AS p90
                """ + cases + " AND first_contact_at IS NOT NULL",
                rs -> new double[] { rs.getLong("n"), rs.getLong("within"), rs.getDouble("p50"), rs.getDouble("p90") },
                args(start, end, scopeArgs)).orElseThrow();
        Map<String, Object> first = new LinkedHashMap<>();
        long contacted = (long) fc[0];
        first.put("cases", cell(contacted));
        first.put("shareWithinTwoHours", contacted < MIN_CELL ? SUPPRESSED : round(fc[1] / fc[0]));
        first.put("p50Minutes", contacted < MIN_CELL ? SUPPRESSED : round(fc[2] / 60));
        first.put("p90Minutes", contacted < MIN_CELL ? SUPPRESSED : round(fc[3] / 60));
        out.put("firstContact", first);

        var late = db.one("SELECT count(*), count(*) FILTER (WHERE late) FROM crisis_report WHERE channel = "
                + "'DEPARTMENT_HEAD' AND reported_at >= ? AND reported_at < ?" + scope,
                rs -> new long[] { rs.getLong(1), rs.getLong(2) }, args(start, end, scopeArgs)).orElseThrow();
        out.put("lateReports", Map.of("departmentHeadReports", cell(late[0]), "late", cell(late[1])));

        // follow-up adherence: weekly check-ins due in the period (and already due) met on time
        var adherence = db.one("""
                SELECT count(DISTINCT k.case_id), count(*), count(*) FILTER (WHERE k.met_at IS NOT NULL
                       AND k.met_at <= k.due_at)
                FROM case_clock k JOIN crisis_case c ON c.id = k.case_id
                WHERE k.kind = 'CHECK_IN' AND k.cancelled_at IS NULL AND k.due_at >= ? AND k.due_at < ?
                  AND k.due_at <= ? AND c.district = ?""" + (school == null ? "" : " AND c.school = ?"),
                rs -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) },
                args(start, end, new Object[] { clock.instant() }, scopeArgs)).orElseThrow();
        out.put("followUpAdherence", adherence[0] < MIN_CELL ? SUPPRESSED
                : round((double) adherence[2] / adherence[1]));

        long reopened = db.count("SELECT count(*)" + cases + " AND reopen_count > 0", args(start, end, scopeArgs));
        out.put("reopenRate", opened < MIN_CELL ? SUPPRESSED : round((double) reopened / opened));

        Map<String, Object> outcomes = new LinkedHashMap<>();
        for (var row : db.list("SELECT outcome, count(*) FROM crisis_case WHERE closed_at >= ? AND closed_at < ?"
                + scope + " AND outcome IS NOT NULL GROUP BY outcome ORDER BY outcome",
                rs -> Map.entry(rs.getString(1), rs.getLong(2)), args(start, end, scopeArgs))) {
            outcomes.put(row.getKey(), cell(row.getValue()));
        }
        out.put("outcomes", outcomes);
        return out;
    }

    /** A count as shown: 0, {@code "<5"} for 1 to 4, else the number. */
    static Object cell(long n) {
        return n > 0 && n < MIN_CELL ? SUPPRESSED : n;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static Object[] args(Instant start, Instant end, Object[]... more) {
        List<Object> all = new ArrayList<>(List.of(start, end));
        for (Object[] m : more) {
            all.addAll(List.of(m));
        }
        return all.toArray();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static LocalDate date(String field, String raw, List<Problem.FieldError> errors) {
        if (blank(raw)) {
            errors.add(new Problem.FieldError(field, "required, a date (YYYY-MM-DD)"));
            return null;
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "a date (YYYY-MM-DD)"));
            return null;
        }
    }
}
