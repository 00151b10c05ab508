package io.heartline.platform.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.events.Ids;

/**
 * The append-only record of sensitive reads (who, role, from which organisation, which record of which person, when,
 * why, which endpoint). Rows hold no answers, scores or notes; the table refuses updates and deletes. A read whose
 * audit row cannot be written fails. Also the two views of it every service answers ({@link AuditTrailResource}):
 * the admins' trail of one person ({@link Entry}) and a person's own access log ({@link AccessEntry}).
 */
@ApplicationScoped
public class AuditLog {

    /** A record that was read: its type (e.g. {@code screening}), id, and the person it is about. */
    public record Target(String recordType, String recordId, String subjectId) {
    }

    /** Who read: a school (with its district, since school ids are unique only within one) or a district. */
    public record Organisation(String type, String district, String school) {
        public static final String SCHOOL = "SCHOOL";
        public static final String DISTRICT = "DISTRICT";

        static Organisation of(String district, String school) {
            return school == null ? new Organisation(DISTRICT, district, null) : new Organisation(SCHOOL, district, school);
        }
    }

    /** An audit row as {@code GET /api/v1/audit} shows it (school and district admins): everything but content. */
    public record Entry(UUID id, Instant at, String service, String actor, String actorRole,
            Organisation actorOrganisation, String subjectId, String recordType, String recordId, Purpose purpose,
            boolean purposeDefaulted, String endpoint, String requestId) {
    }

    /**
     * An audit row as the person it is about sees it ({@code GET /api/v1/me/access-log}): which role of which
     * organisation read which kind of record, when and why. No staff name or id, no record id, no endpoint
     * (docs/platform.md, "Access log").
     */
    public record AccessEntry(UUID id, Instant at, String service, String role, Organisation organisation,
            String recordType, Purpose purpose, boolean purposeDefaulted) {
    }

    /**
     * The page both views answer, here and merged at the gateway: {@code incomplete} with {@code missingServices}
     * when the gateway could not reach every service (a single service always answers complete).
     */
    public record TrailPage<T>(List<T> items, String nextCursor, boolean incomplete, List<String> missingServices) {
        static <T> TrailPage<T> of(Page<T> page) {
            return new TrailPage<>(page.items(), page.nextCursor(), false, List.of());
        }
    }

    private static final String COLUMNS = """
            SELECT id, at, actor, actor_role, district, actor_school, subject_id, record_type, record_id, purpose,
                   purpose_defaulted, endpoint, request_id
            FROM audit_record""";

    private final AgroalDataSource dataSource;
    private final RequestTrace trace;
    private final PurposeOfUse purpose;
    private final Clock clock;
    private final String service;

    AuditLog(AgroalDataSource dataSource, RequestTrace trace, PurposeOfUse purpose, Clock clock) {
        this.dataSource = dataSource;
        this.trace = trace;
        this.purpose = purpose;
        this.clock = clock;
        var config = ConfigProvider.getConfig();
        this.service = config.getOptionalValue("heartline.messaging.service", String.class)
                .orElseGet(() -> config.getOptionalValue("quarkus.application.name", String.class).orElse("unknown")
                        .replaceFirst("-service$", ""));
    }

    /** This service's name in the trail ({@code screening}, {@code referral}, …). */
    public String service() {
        return service;
    }

    /**
     * Records one row per target read by the caller at the given school (the record's) through the endpoint, with
     * the request's purpose of use.
     */
    @Transactional
    public void recordReads(Caller caller, String school, String endpoint, List<Target> targets) {
        if (targets.isEmpty()) {
            return;
        }
        Purpose.Stated why = currentPurpose();
        Timestamp at = Timestamp.from(clock.instant());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO audit_record (id, at, actor, actor_role, district, school, actor_school, subject_id,
                                          record_type, record_id, endpoint, request_id, purpose, purpose_defaulted)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Target t : targets) {
                int i = 1;
                ps.setObject(i++, Ids.next());
                ps.setTimestamp(i++, at);
                ps.setString(i++, caller.id());
                ps.setString(i++, caller.primaryRole());
                ps.setString(i++, caller.district());
                ps.setString(i++, school);
                ps.setString(i++, caller.school());
                ps.setString(i++, t.subjectId());
                ps.setString(i++, t.recordType());
                ps.setString(i++, t.recordId());
                ps.setString(i++, endpoint);
                ps.setString(i++, trace.requestId());
                ps.setString(i++, why.purpose().name());
                ps.setBoolean(i, why.defaulted());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the audit record; the read is refused", e);
        }
    }

    private Purpose.Stated currentPurpose() {
        try {
            return purpose.get();
        } catch (ContextNotActiveException e) {
            // Not inside a request (a job): nobody stated a purpose.
            return Purpose.Stated.DEFAULTED;
        }
    }

    /**
     * The reads of one person's records within the caller's scope, newest first: a district admin the district's,
     * anyone else the records of their own (district, school).
     */
    public TrailPage<Entry> forSubject(Caller caller, String subjectId, PageRequest page) {
        String district = caller.requireDistrict();
        String school = caller.hasRole(Roles.DISTRICT_ADMIN) ? null : caller.requireSchool();
        List<Object> args = new ArrayList<>(List.of(district, subjectId));
        String where = " WHERE district = ? AND subject_id = ?";
        if (school != null) {
            where += " AND school = ?";
            args.add(school);
        }
        List<Row> rows = query(where, args, page);
        return TrailPage.of(page.page(rows, Row::at, Row::id, r -> new Entry(r.id, r.at, service, r.actor, r.role,
                Organisation.of(r.district, r.actorSchool), r.subjectId, r.recordType, r.recordId, r.purpose,
                r.defaulted, r.endpoint, r.requestId)));
    }

    /** The reads of the caller's own records in the caller's district, newest first, without who read them. */
    public TrailPage<AccessEntry> forPerson(Caller caller, PageRequest page) {
        if (caller.district() == null) {
            // A token without a district (a service account) has no records to be read: nothing, not a 403.
            return new TrailPage<>(List.of(), null, false, List.of());
        }
        List<Row> rows = query(" WHERE district = ? AND subject_id = ?",
                new ArrayList<>(List.of(caller.district(), caller.id())), page);
        return TrailPage.of(page.page(rows, Row::at, Row::id, r -> new AccessEntry(r.id, r.at, service, r.role,
                Organisation.of(r.district, r.actorSchool), r.recordType, r.purpose, r.defaulted)));
    }

    private record Row(UUID id, Instant at, String actor, String role, String district, String actorSchool,
            String subjectId, String recordType, String recordId, Purpose purpose, boolean defaulted,
            String endpoint, String requestId) {
    }

    private List<Row> query(String where, List<Object> args, PageRequest page) {
        String sql = COLUMNS + where + (page.hasCursor() ? " AND (at, id) < (?, ?)" : "")
                + " ORDER BY at DESC, id DESC LIMIT ?";
        if (page.hasCursor()) {
            args.add(Timestamp.from(page.beforeAt()));
            args.add(page.beforeId());
        }
        args.add(page.limit() + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), Purpose.valueOf(rs.getString(10)), rs.getBoolean(11), rs.getString(12),
                            rs.getString(13)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log", e);
        }
    }
}
