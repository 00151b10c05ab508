package io.heartline.training.directory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of the directory's people, in one place. Every method works on the caller's (enlisted) connection. */
public final class DirectoryStore {

    private static final String PERSON_COLUMNS = """
            district, person_id, kind, source, source_id, user_name, display_name, given_name, family_name, school_id,
            class_id, date_of_birth, email, phone, department, active, source_modified_at, created_at, updated_at,
            version""";

    private DirectoryStore() {
    }

    /** People of a district by their current source ids, with their roles. */
    public static Map<String, Person> bySourceIds(Connection c, String district, Collection<String> sourceIds)
            throws SQLException {
        return select(c, "district = ? AND source_id = ANY (?)", district, sourceIds).stream()
                .collect(LinkedHashMap::new, (m, p) -> m.put(p.sourceId(), p), Map::putAll);
    }

    /** People of a district by person id, with their roles. */
    public static Map<String, Person> byPersonIds(Connection c, String district, Collection<String> personIds)
            throws SQLException {
        return select(c, "district = ? AND person_id = ANY (?)", district, personIds).stream()
                .collect(LinkedHashMap::new, (m, p) -> m.put(p.personId(), p), Map::putAll);
    }

    public static Optional<Person> byPersonId(Connection c, String district, String personId) throws SQLException {
        return Optional.ofNullable(byPersonIds(c, district, List.of(personId)).get(personId));
    }

    private static List<Person> select(Connection c, String where, String district, Collection<String> ids)
            throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Person> people = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PERSON_COLUMNS + " FROM person WHERE " + where)) {
            ps.setString(1, district);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.add(read(rs, List.of()));
                }
            }
        }
        if (people.isEmpty()) {
            return people;
        }
        Map<String, List<RoleAssignment>> roles = roles(c, district, people.stream().map(Person::personId).toList());
        return people.stream().map(p -> withRoles(p, roles.getOrDefault(p.personId(), List.of()))).toList();
    }

    private static Person withRoles(Person p, List<RoleAssignment> roles) {
        return new Person(p.district(), p.personId(), p.kind(), p.source(), p.sourceId(), p.userName(),
                p.displayName(), p.givenName(), p.familyName(), p.schoolId(), p.classId(), p.dateOfBirth(), p.email(),
                p.phone(), p.department(), p.active(), new PersonInput(p.kind(), p.source(), p.sourceId(), null, null,
                        null, null, null, null, null, null, null, null, null, true, roles, null).roles(),
                p.sourceModifiedAt(), p.createdAt(), p.updatedAt(), p.version());
    }

    private static Map<String, List<RoleAssignment>> roles(Connection c, String district, List<String> personIds)
            throws SQLException {
        Map<String, List<RoleAssignment>> roles = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT person_id, school_id, role, full_time, class_ids FROM staff_role
                WHERE district = ? AND person_id = ANY (?)""")) {
            ps.setString(1, district);
            ps.setArray(2, c.createArrayOf("text", personIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] classes = (String[]) rs.getArray(5).getArray();
                    roles.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new RoleAssignment(
                            SchoolRole.valueOf(rs.getString(3)), rs.getString(2), Arrays.asList(classes),
                            rs.getBoolean(4)));
                }
            }
        }
        return roles;
    }

    static Person read(ResultSet rs, List<RoleAssignment> roles) throws SQLException {
        Date dob = rs.getDate(12);
        Timestamp modified = rs.getTimestamp(17);
        return new Person(rs.getString(1), rs.getString(2), PersonKind.valueOf(rs.getString(3)),
                PersonSource.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                dob == null ? null : dob.toLocalDate(), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getBoolean(16), roles, modified == null ? null : modified.toInstant(),
                rs.getTimestamp(18).toInstant(), rs.getTimestamp(19).toInstant(), rs.getInt(20));
    }

    /** Inserts new people and updates changed ones, each as one JDBC batch. */
    public static void save(Connection c, List<Person> inserts, List<Person> updates) throws SQLException {
        if (!inserts.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO person (" + PERSON_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Person p : inserts) {
                    bind(ps, p);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE person SET district = ?, person_id = ?, kind = ?, source = ?, source_id = ?, user_name = ?,
                        display_name = ?, given_name = ?, family_name = ?, school_id = ?, class_id = ?,
                        date_of_birth = ?, email = ?, phone = ?, department = ?, active = ?, source_modified_at = ?,
                        created_at = ?, updated_at = ?, version = ?,
                        deactivated_at = CASE WHEN ? THEN NULL ELSE COALESCE(deactivated_at, ?) END
                    WHERE district = ? AND person_id = ?""")) {
                for (Person p : updates) {
                    bind(ps, p);
                    ps.setBoolean(21, p.active());
                    ps.setTimestamp(22, Timestamp.from(p.updatedAt()));
                    ps.setString(23, p.district());
                    ps.setString(24, p.personId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement ps, Person p) throws SQLException {
        ps.setString(1, p.district());
        ps.setString(2, p.personId());
        ps.setString(3, p.kind().name());
        ps.setString(4, p.source().name());
        ps.setString(5, p.sourceId());
        ps.setString(6, p.userName());
        ps.setString(7, p.displayName());
        ps.setString(8, p.givenName());
        ps.setString(9, p.familyName());
        ps.setString(10, p.schoolId());
        ps.setString(11, p.classId());
        ps.setDate(12, p.dateOfBirth() == null ? null : Date.valueOf(p.dateOfBirth()));
        ps.setString(13, p.email());
        ps.setString(14, p.phone());
        ps.setString(15, p.department());
        ps.setBoolean(16, p.active());
        ps.setTimestamp(17, p.sourceModifiedAt() == null ? null : Timestamp.from(p.sourceModifiedAt()));
        ps.setTimestamp(18, Timestamp.from(p.createdAt()));
        ps.setTimestamp(19, Timestamp.from(p.updatedAt()));
        ps.setInt(20, p.version());
    }

    /** Replaces the whole role set of each listed person. */
    public static void replaceRoles(Connection c, String district, Map<String, List<RoleAssignment>> byPerson)
            throws SQLException {
        if (byPerson.isEmpty()) {
            return;
        }
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM staff_role WHERE district = ? AND person_id = ANY (?)")) {
            del.setString(1, district);
            del.setArray(2, c.createArrayOf("text", byPerson.keySet().toArray()));
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO staff_role (district, person_id, school_id, role, full_time, class_ids)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            int n = 0;
            for (var e : byPerson.entrySet()) {
                for (RoleAssignment r : e.getValue()) {
                    ps.setString(1, district);
                    ps.setString(2, e.getKey());
                    ps.setString(3, r.schoolId());
                    ps.setString(4, r.role().name());
                    ps.setBoolean(5, r.fullTime());
                    ps.setArray(6, c.createArrayOf("text", r.classIds().toArray()));
                    ps.addBatch();
                    n++;
                }
            }
            if (n > 0) {
                ps.executeBatch();
            }
        }
    }

    public static void recordRekeys(Connection c, String district, List<String[]> personOldNew, Instant at,
            java.util.UUID importId) throws SQLException {
        if (personOldNew.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO person_rekey (district, person_id, old_source_id, new_source_id, at, import_id)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (String[] r : personOldNew) {
                ps.setString(1, district);
                ps.setString(2, r[0]);
                ps.setString(3, r[1]);
                ps.setString(4, r[2]);
                ps.setTimestamp(5, Timestamp.from(at));
                ps.setObject(6, importId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The active class teachers of each class (after this transaction's writes). */
    public static Map<String, List<String>> classTeachers(Connection c, String district, Collection<String> classIds)
            throws SQLException {
        Map<String, List<String>> teachers = new LinkedHashMap<>();
        classIds.forEach(id -> teachers.put(id, new ArrayList<>()));
        if (classIds.isEmpty()) {
            return teachers;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT cls, r.person_id FROM staff_role r
                JOIN person p ON p.district = r.district AND p.person_id = r.person_id AND p.active
                CROSS JOIN LATERAL unnest(r.class_ids) AS cls
                WHERE r.district = ? AND r.role = 'CLASS_TEACHER' AND r.class_ids && ? AND cls = ANY (?)
                ORDER BY r.person_id""")) {
            Array ids = c.createArrayOf("text", classIds.toArray());
            ps.setString(1, district);
            ps.setArray(2, ids);
            ps.setArray(3, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    teachers.get(rs.getString(1)).add(rs.getString(2));
                }
            }
        }
        return teachers;
    }

    /** The school of each class, for events about classes; classes the directory does not know are left out. */
    public static Map<String, SchoolClass> classes(Connection c, String district, Collection<String> classIds)
            throws SQLException {
        Map<String, SchoolClass> classes = new HashMap<>();
        if (classIds.isEmpty()) {
            return classes;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT class_id, school_id, title, grade, class_type, active FROM school_class
                WHERE district = ? AND class_id = ANY (?)""")) {
            ps.setString(1, district);
            ps.setArray(2, c.createArrayOf("text", classIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    classes.put(rs.getString(1), new SchoolClass(district, rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6)));
                }
            }
        }
        return classes;
    }

    /** Active people of the given kinds in a district: the base of the deactivation threshold. */
    public static long countActive(Connection c, String district, Collection<PersonKind> kinds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM person WHERE district = ? AND active AND kind = ANY (?)")) {
            ps.setString(1, district);
            ps.setArray(2, c.createArrayOf("text", kinds.stream().map(Enum::name).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Of these people, those with an open crisis case (projection of heartline.crisis). */
    public static java.util.Set<String> withOpenCrisisCase(Connection c, String district, Collection<String> personIds)
            throws SQLException {
        java.util.Set<String> open = new java.util.HashSet<>();
        if (personIds.isEmpty()) {
            return open;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT person_id FROM open_crisis_case WHERE district = ? AND person_id = ANY (?)")) {
            ps.setString(1, district);
            ps.setArray(2, c.createArrayOf("text", personIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(rs.getString(1));
                }
            }
        }
        return open;
    }
}
