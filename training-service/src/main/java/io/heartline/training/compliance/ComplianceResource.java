package io.heartline.training.compliance;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.CurrentCaller;
import io.heartline.platform.web.KeyPage;
import io.heartline.platform.web.Page;
import io.heartline.platform.web.Problem.FieldError;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.training.compliance.ComplianceReport.PersonRow;
import io.heartline.training.compliance.ComplianceReport.Report;
import io.heartline.training.compliance.ComplianceReport.SchoolRow;
import io.heartline.training.directory.SchoolRole;
import io.heartline.training.hours.CountyEventsRequirement;
import io.heartline.training.hours.HoursRequirements;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Compliance for a year per person, school or district; JSON or CSV. */
@Path("/api/v1/compliance")
@RunOnVirtualThread
public class ComplianceResource {

    public record HoursRequirementInput(BigDecimal hours) {
    }

    /** County-level events a year required of full-time psychology teachers (0 switches the rule off). */
    public record CountyEventsRequirementView(Integer events) {
    }

    /** When the report was computed (reports are cached briefly: heartline.training.compliance.cache-ttl). */
    static final String GENERATED_AT = "X-Report-Generated-At";

    private final ComplianceReport reports;
    private final HoursRequirements requirements;
    private final CountyEventsRequirement countyEvents;
    private final AgroalDataSource dataSource;
    private final CurrentCaller caller;
    private final java.time.Clock clock;

    ComplianceResource(ComplianceReport reports, HoursRequirements requirements, CountyEventsRequirement countyEvents,
            AgroalDataSource dataSource, CurrentCaller caller, java.time.Clock clock) {
        this.reports = reports;
        this.requirements = requirements;
        this.countyEvents = countyEvents;
        this.dataSource = dataSource;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Produces({ "application/json", "text/csv" })
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    public Response report(@QueryParam("level") String level, @QueryParam("year") String year,
            @QueryParam("format") String format, @QueryParam("schoolId") String schoolId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller c = caller.get();
        String district = c.requireDistrict();
        String lvl = level == null || level.isBlank() ? "school" : level.trim().toLowerCase();
        if (!List.of("person", "school", "district").contains(lvl)) {
            throw ProblemException.badRequest("level must be person, school or district",
                    List.of(new FieldError("level", "person, school or district")));
        }
        String fmt = format == null || format.isBlank() ? "json" : format.trim().toLowerCase();
        if (!List.of("json", "csv").contains(fmt)) {
            throw ProblemException.badRequest("format must be json or csv",
                    List.of(new FieldError("format", "json or csv")));
        }
        int y = year == null || year.isBlank() ? clock.instant().atZone(java.time.ZoneOffset.UTC).getYear()
                : parseYear(year);
        String school;
        if (c.hasRole(Roles.DISTRICT_ADMIN)) {
            school = schoolId == null || schoolId.isBlank() ? null : schoolId;
        } else {
            if ("district".equals(lvl)) {
                throw ProblemException.forbidden("The district report is for district admins");
            }
            school = c.requireSchool();
            if (schoolId != null && !schoolId.isBlank() && !schoolId.equals(school)) {
                throw ProblemException.notFound("School");
            }
        }
        KeyPage page = KeyPage.of(limit, cursor);
        ComplianceReport.Generated g = reports.cached(district, school, y);
        Report r = g.report();
        if (school != null && r.schools().isEmpty()) {
            throw ProblemException.notFound("School");
        }
        if ("csv".equals(fmt)) {
            return Response.ok(csv(lvl, r), "text/csv; charset=UTF-8").header("Content-Disposition",
                    "attachment; filename=\"compliance-" + lvl + "-" + y + ".csv\"")
                    .header(GENERATED_AT, g.generatedAt().toString()).build();
        }
        Object body = switch (lvl) {
            case "person" -> {
                List<PersonRow> rows = r.people().stream()
                        .filter(p -> page.afterKey() == null || p.personId().compareTo(page.afterKey()) > 0)
                        .limit(page.limit() + 1L).toList();
                yield page.page(rows, PersonRow::personId, p -> p);
            }
            case "school" -> new Page<>(r.schools(), null);
            default -> r.summary();
        };
        return Response.ok(body, "application/json").header(GENERATED_AT, g.generatedAt().toString()).build();
    }

    private static int parseYear(String year) {
        try {
            int y = Integer.parseInt(year.trim());
            if (y >= 2000 && y <= 2200) {
                return y;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProblemException.badRequest("year must be between 2000 and 2200",
                List.of(new FieldError("year", "a year between 2000 and 2200")));
    }

    static String csv(String level, Report r) {
        StringBuilder sb = new StringBuilder();
        switch (level) {
            case "person" -> {
                sb.append("personId,schoolIds,roles,requiredHours,creditedHours,hoursMet,provincialConferences,"
                        + "qualificationLevel,crisisIntervention,cycleDue,"
                        // columns added later go at the end, so that existing spreadsheets keep their positions
                        + "fullTimePsychologyTeacher,countyEvents,requiredCountyEvents,countyEventsMet\r\n");
                for (PersonRow p : r.people()) {
                    row(sb, p.personId(), String.join(";", p.schoolIds()), String.join(";", p.roles()),
                            p.requiredHours(), p.creditedHours(), p.hoursMet(), p.provincialConferences(),
                            p.qualificationLevel(), p.crisisIntervention(), p.cycleDue(), p.fullTimePsychologyTeacher(),
                            p.countyEvents(), p.requiredCountyEvents(), p.countyEventsMet());
                }
            }
            case "school" -> {
                sb.append("schoolId,name,students,staff,requiredFullTimePsychologyTeachers,fullTimePsychologyTeachers,"
                        + "psychologyTeacherPresent,staffingMet,hoursMet,hoursShortfall,cycleDue,coverageC,coverageCMet,"
                        + "coverageB,coverageBMet,countyEventsMet,countyEventsShortfall\r\n");
                for (SchoolRow s : r.schools()) {
                    row(sb, s.schoolId(), s.name(), s.students(), s.staff(), s.requiredFullTimePsychologyTeachers(),
                            s.fullTimePsychologyTeachers(), s.psychologyTeacherPresent(), s.staffingMet(),
                            s.hoursMet(), s.hoursShortfall(), s.cycleDue(), s.coverageC(), s.coverageCMet(),
                            s.coverageB(), s.coverageBMet(), s.countyEventsMet(), s.countyEventsShortfall());
                }
            }
            default -> {
                var d = r.summary();
                sb.append("district,year,schools,schoolsMeetingStaffing,schoolsWithoutFullTimePsychologyTeacher,"
                        + "students,staff,hoursMet,hoursShortfall,cycleDue,coverageC,coverageCMet,coverageB,"
                        + "coverageBMet,requiredCountyEvents,countyEventsMet,countyEventsShortfall\r\n");
                row(sb, d.district(), d.year(), d.schools(), d.schoolsMeetingStaffing(),
                        d.schoolsWithoutFullTimePsychologyTeacher(), d.students(), d.staff(), d.hoursMet(),
                        d.hoursShortfall(), d.cycleDue(), d.coverageC(), d.coverageCMet(), d.coverageB(),
                        d.coverageBMet(), d.requiredCountyEvents(), d.countyEventsMet(), d.countyEventsShortfall());
            }
        }
        return sb.toString();
    }

    /** RFC 4180 fields; a leading = + - @ is prefixed with ' so that spreadsheets do not run it as a formula. */
    private static void row(StringBuilder sb, Object... values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            String s = v == null ? "" : v.toString();
            if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) {
                s = "'" + s;
            }
            if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            out.add(s);
        }
        sb.append(String.join(",", out)).append("\r\n");
    }

    @GET
    @Path("/hours-requirements")
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    @Transactional
    public Map<String, BigDecimal> hoursRequirements() {
        try (Connection c = dataSource.getConnection()) {
            Map<String, BigDecimal> out = new TreeMap<>();
            requirements.forDistrict(c, caller.get().requireDistrict()).forEach((k, v) -> out.put(k.name(), v));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @PUT
    @Path("/hours-requirements/{role}")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Transactional
    public Map<String, BigDecimal> setHoursRequirement(@PathParam("role") String role,
            @NotNull HoursRequirementInput body) {
        SchoolRole r = SchoolRole.parse(role).orElseThrow(() -> ProblemException.notFound("School role"));
        if (body.hours() == null || body.hours().signum() < 0 || body.hours().compareTo(new BigDecimal("1000")) > 0
                || body.hours().stripTrailingZeros().scale() > 1) {
            throw ProblemException.badRequest("hours must be 0 to 1000 with at most one decimal",
                    List.of(new FieldError("hours", "0 to 1000 with at most one decimal")));
        }
        Caller c = caller.get();
        try (Connection conn = dataSource.getConnection()) {
            requirements.set(conn, c.requireDistrict(), r, body.hours(), c.id(), clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hoursRequirements();
    }

    @GET
    @Path("/county-events-requirement")
    @RolesAllowed({ Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN })
    @Transactional
    public CountyEventsRequirementView countyEventsRequirement() {
        try (Connection c = dataSource.getConnection()) {
            return new CountyEventsRequirementView(countyEvents.forDistrict(c, caller.get().requireDistrict()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @PUT
    @Path("/county-events-requirement")
    @RolesAllowed(Roles.DISTRICT_ADMIN)
    @Transactional
    public CountyEventsRequirementView setCountyEventsRequirement(@NotNull CountyEventsRequirementView body) {
        if (body.events() == null || body.events() < 0 || body.events() > 100) {
            throw ProblemException.badRequest("events must be 0 to 100",
                    List.of(new FieldError("events", "a whole number from 0 to 100")));
        }
        Caller c = caller.get();
        try (Connection conn = dataSource.getConnection()) {
            countyEvents.set(conn, c.requireDistrict(), body.events(), c.id(), clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return countyEventsRequirement();
    }
}
