package io.heartline.training.hours;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.web.PersonId;
import io.heartline.platform.web.Caller;
import io.heartline.platform.web.Problem.FieldError;
import io.heartline.platform.web.ProblemException;
import io.heartline.platform.web.Roles;
import io.heartline.training.directory.Person;
import io.heartline.training.directory.RoleAssignment;
import io.heartline.training.directory.SchoolRole;
import io.heartline.training.records.RecordAccess;

/** A person's training record for a year, and hours recorded by admins (conferences, external training). */
@ApplicationScoped
public class TrainingRecords {

    public record CreditView(String kind, BigDecimal hours, String eventLevel, String title, String reference,
            Instant creditedAt) {
    }

    public record CourseView(UUID programmeId, String title, String result, Instant closedAt) {
    }

    public record RecordView(String personId, int year, List<String> roles, BigDecimal requiredHours,
            BigDecimal creditedHours, boolean requirementMet, Map<HoursLedger.Kind, BigDecimal> hoursByKind,
            int provincialConferences, int countyEvents, List<CreditView> credits, List<CourseView> courses) {
    }

    public record CreditInput(@PersonId String personId, String kind, BigDecimal hours, LocalDate date, String title,
            String eventLevel, String reference) {
    }

    private final AgroalDataSource dataSource;
    private final HoursRequirements requirements;
    private final Clock clock;

    TrainingRecords(AgroalDataSource dataSource, HoursRequirements requirements, Clock clock) {
        this.dataSource = dataSource;
        this.requirements = requirements;
        this.clock = clock;
    }

    public int currentYear() {
        return clock.instant().atZone(ZoneOffset.UTC).getYear();
    }

    @Transactional
    public RecordView record(Caller caller, String personId, Integer year) {
        int y = year == null ? currentYear() : year;
        try (Connection c = dataSource.getConnection()) {
            Person p = RecordAccess.require(c, caller, personId);
            List<CreditView> credits = new ArrayList<>();
            Map<HoursLedger.Kind, BigDecimal> byKind = new EnumMap<>(HoursLedger.Kind.class);
            for (HoursLedger.Kind k : HoursLedger.Kind.values()) {
                byKind.put(k, BigDecimal.ZERO);
            }
            int provincial = 0;
            int county = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT kind, hours, event_level, title, source_ref, credited_at FROM hours_credit
                    WHERE district = ? AND person_id = ? AND year = ? ORDER BY credited_at, id""")) {
                ps.setString(1, p.district());
                ps.setString(2, p.personId());
                ps.setInt(3, y);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        HoursLedger.Kind k = HoursLedger.Kind.valueOf(rs.getString(1));
                        byKind.merge(k, rs.getBigDecimal(2), BigDecimal::add);
                        if (k == HoursLedger.Kind.CONFERENCE && "PROVINCIAL".equals(rs.getString(3))) {
                            provincial++;
                        }
                        if (CountyEventsRule.counts(rs.getString(3))) {
                            county++;
                        }
                        credits.add(new CreditView(k.name(), rs.getBigDecimal(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getTimestamp(6).toInstant()));
                    }
                }
            }
            List<CourseView> courses = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT p.id, p.title, e.result, p.closed_at FROM enrolment e JOIN programme p ON p.id = e.programme_id
                    WHERE e.district = ? AND e.person_id = ?
                      AND (p.closed_at IS NULL OR EXTRACT(YEAR FROM p.closed_at AT TIME ZONE 'UTC') = ?)
                    ORDER BY p.created_at""")) {
                ps.setString(1, p.district());
                ps.setString(2, p.personId());
                ps.setInt(3, y);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        var closed = rs.getTimestamp(4);
                        courses.add(new CourseView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                closed == null ? null : closed.toInstant()));
                    }
                }
            }
            List<SchoolRole> roles = p.roles().stream().map(RoleAssignment::role).distinct().toList();
            Map<SchoolRole, BigDecimal> perRole = requirements.forDistrict(c, p.district());
            BigDecimal total = byKind.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            byKind.replaceAll((k, v) -> v.setScale(2));
            return new RecordView(p.personId(), y, roles.stream().map(Enum::name).toList(),
                    HoursRule.required(roles, perRole).setScale(1), total.setScale(2),
                    HoursRule.met(roles, perRole, total, provincial), byKind, provincial, county, credits,
                    courses);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the training record", e);
        }
    }

    @Transactional
    public CreditView credit(Caller caller, CreditInput in) {
        List<FieldError> errors = new ArrayList<>();
        HoursLedger.Kind kind = null;
        if ("CONFERENCE".equals(in.kind()) || "EXTERNAL".equals(in.kind())) {
            kind = HoursLedger.Kind.valueOf(in.kind());
        } else {
            errors.add(new FieldError("kind", "CONFERENCE or EXTERNAL (courses and LMS completions credit themselves)"));
        }
        if (in.hours() == null || in.hours().signum() < 0 || in.hours().compareTo(new BigDecimal("1000")) > 0
                || in.hours().stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("hours", "0 to 1000 with at most two decimals"));
        }
        if (in.date() == null || in.date().isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            errors.add(new FieldError("date", "required, not in the future"));
        }
        if (in.eventLevel() != null && !in.eventLevel().matches("^[A-Z][A-Z_]{0,31}$")) {
            errors.add(new FieldError("eventLevel", "a code such as PROVINCIAL, MUNICIPAL or COUNTY"));
        }
        if (in.title() == null || in.title().isBlank() || in.title().length() > 200) {
            errors.add(new FieldError("title", "required, at most 200 characters"));
        }
        if (in.reference() != null && in.reference().length() > 100) {
            errors.add(new FieldError("reference", "at most 100 characters"));
        }
        try (Connection c = dataSource.getConnection()) {
            Person p;
            try {
                p = RecordAccess.require(c, caller, in.personId());
            } catch (ProblemException e) {
                throw in.personId() == null ? ProblemException.badRequest("personId is required",
                        List.of(new FieldError("personId", "required"))) : e;
            }
            if (caller.id().equals(p.personId()) && !caller.hasAnyRole(Roles.SCHOOL_ADMIN, Roles.DISTRICT_ADMIN)) {
                throw ProblemException.forbidden("Hours are recorded by admins");
            }
            if (!errors.isEmpty()) {
                throw ProblemException.badRequest("The credit is not valid", errors);
            }
            String ref = in.reference() == null ? UUID.randomUUID().toString() : in.reference();
            Instant now = clock.instant();
            if (!HoursLedger.credit(c, p.district(), p.personId(), in.date().getYear(), kind,
                    in.hours().setScale(2, RoundingMode.UNNECESSARY), in.eventLevel(), ref, in.title(), now)) {
                throw ProblemException.conflict("This reference has already credited the person");
            }
            return new CreditView(kind.name(), in.hours(), in.eventLevel(), in.title(), ref, now);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record the credit", e);
        }
    }
}
