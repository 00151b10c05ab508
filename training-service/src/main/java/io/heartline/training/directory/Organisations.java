package io.heartline.training.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.messaging.Outbox;
import io.heartline.platform.web.Trace;

/**
 * Schools, classes and guardian links as the school information system sends them: upserted by id, compared first so
 * that the same file twice writes nothing. Guardian links publish {@code guardian-linked}; schools and classes are
 * facts other services learn through people's events.
 */
@ApplicationScoped
public class Organisations {

    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final Clock clock;

    Organisations(AgroalDataSource dataSource, Outbox outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A guardian-to-student link as the source states it; {@code relationship} a code such as {@code PARENT}. */
    public record GuardianLink(String studentId, String guardianId, String relationship) {
    }

    public boolean schoolExists(String district, String schoolId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM school WHERE district = ? AND school_id = ?")) {
            ps.setString(1, district);
            ps.setString(2, schoolId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read schools", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Change> upsertSchools(String district, List<School> schools) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, School> held = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT school_id, name, active FROM school WHERE district = ? AND school_id = ANY (?)")) {
                ps.setString(1, district);
                ps.setArray(2, c.createArrayOf("text", schools.stream().map(School::schoolId).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.put(rs.getString(1), new School(district, rs.getString(1), rs.getString(2),
                                rs.getBoolean(3)));
                    }
                }
            }
            Timestamp now = Timestamp.from(clock.instant());
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO school (district, school_id, name, active, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (district, school_id) DO UPDATE
                    SET name = EXCLUDED.name, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at""")) {
                return writeChanged(ps, schools, s -> held.get(s.schoolId()), School::active, (p, s) -> {
                    p.setString(1, district);
                    p.setString(2, s.schoolId());
                    p.setString(3, s.name());
                    p.setBoolean(4, s.active());
                    p.setTimestamp(5, now);
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write schools", e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Change> upsertClasses(String district, List<SchoolClass> classes) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, SchoolClass> held = DirectoryStore.classes(c, district,
                    classes.stream().map(SchoolClass::classId).toList());
            Timestamp now = Timestamp.from(clock.instant());
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO school_class (district, class_id, school_id, title, grade, class_type, active, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (district, class_id) DO UPDATE
                    SET school_id = EXCLUDED.school_id, title = EXCLUDED.title, grade = EXCLUDED.grade,
                        class_type = EXCLUDED.class_type, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at""")) {
                return writeChanged(ps, classes, k -> held.get(k.classId()), SchoolClass::active, (p, k) -> {
                    p.setString(1, district);
                    p.setString(2, k.classId());
                    p.setString(3, k.schoolId());
                    p.setString(4, k.title());
                    p.setString(5, k.grade());
                    p.setString(6, k.classType());
                    p.setBoolean(7, k.active());
                    p.setTimestamp(8, now);
                });
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write classes", e);
        }
    }

    /**
     * Links guardians to students (both must be in the directory, else the link is an error); an existing link with
     * the same relationship is unchanged. Returns one change per link.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Change> link(String district, List<GuardianLink> links, Trace trace, boolean publish) {
        if (links.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            List<String> ids = new ArrayList<>();
            links.forEach(l -> {
                ids.add(l.studentId());
                ids.add(l.guardianId());
            });
            Map<String, Person> people = DirectoryStore.byPersonIds(c, district, ids);
            Map<String, String> held = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT student_id, guardian_id, relationship FROM guardian_link
                    WHERE district = ? AND student_id = ANY (?)""")) {
                ps.setString(1, district);
                ps.setArray(2, c.createArrayOf("text", links.stream().map(GuardianLink::studentId).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        held.put(rs.getString(1) + "\n" + rs.getString(2), rs.getString(3));
                    }
                }
            }
            DirectoryEvents events = new DirectoryEvents(district, trace);
            List<Change> changes = new ArrayList<>();
            List<io.heartline.platform.events.OutgoingEvent> out = new ArrayList<>();
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO guardian_link (district, student_id, guardian_id, relationship, linked_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (district, student_id, guardian_id) DO UPDATE SET relationship = EXCLUDED.relationship""")) {
                int n = 0;
                for (GuardianLink l : links) {
                    Person student = people.get(l.studentId());
                    Person guardian = people.get(l.guardianId());
                    if (student == null || student.kind() != PersonKind.STUDENT || guardian == null
                            || guardian.kind() != PersonKind.GUARDIAN) {
                        changes.add(Change.ERROR);
                        continue;
                    }
                    String was = held.get(l.studentId() + "\n" + l.guardianId());
                    if (Objects.equals(was, l.relationship())) {
                        changes.add(Change.UNCHANGED);
                        continue;
                    }
                    changes.add(was == null ? Change.CREATED : Change.UPDATED);
                    ps.setString(1, district);
                    ps.setString(2, l.studentId());
                    ps.setString(3, l.guardianId());
                    ps.setString(4, l.relationship());
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.addBatch();
                    n++;
                    out.add(events.guardianLinked(l.studentId(), l.guardianId(), l.relationship(),
                            student.schoolId()));
                }
                if (n > 0) {
                    ps.executeBatch();
                }
            }
            if (publish) {
                outbox.appendAll(out);
            }
            return changes;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot link guardians", e);
        }
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T record) throws SQLException;
    }

    /**
     * Compares each record with the one held (null: new) and batches the upsert of those that differ, so the same file
     * twice writes nothing. One change per record, in order.
     */
    private static <T> List<Change> writeChanged(PreparedStatement ps, List<T> records,
            Function<T, T> heldOf, Predicate<T> active, Binder<T> binder)
            throws SQLException {
        List<Change> changes = new ArrayList<>();
        int n = 0;
        for (T record : records) {
            T held = heldOf.apply(record);
            Change change = held == null ? Change.CREATED : held.equals(record) ? Change.UNCHANGED
                    : active.test(held) && !active.test(record) ? Change.DEACTIVATED : Change.UPDATED;
            changes.add(change);
            if (change != Change.UNCHANGED) {
                binder.bind(ps, record);
                ps.addBatch();
                n++;
            }
        }
        if (n > 0) {
            ps.executeBatch();
        }
        return changes;
    }
}
