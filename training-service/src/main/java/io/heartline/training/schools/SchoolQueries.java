package io.heartline.training.schools;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.web.KeyPage;
import io.heartline.platform.web.Page;
import io.heartline.training.directory.DirectoryStore;
import io.heartline.training.directory.SchoolRole;

/** Reads of schools and classes, always keyed by (district, id). */
@ApplicationScoped
public class SchoolQueries {

    /** The role codes counted as psychology staff, from the one definition in {@link SchoolRole}. */
    private static final String[] PSYCHOLOGY_ROLES = Arrays.stream(SchoolRole.values())
            .filter(SchoolRole::isPsychologyStaff).map(Enum::name).toArray(String[]::new);

    // Staff counts: active people holding the role at this school, each person once.
    private static final String STAFF_WITH_ROLE = """
            (SELECT count(DISTINCT r.person_id) FROM staff_role r
             JOIN person p ON p.district = r.district AND p.person_id = r.person_id AND p.active
             WHERE r.district = s.district AND r.school_id = s.school_id AND %s)""";

    private static final String SCHOOL_SQL = """
            SELECT s.name, s.active,
              (SELECT count(*) FROM person p WHERE p.district = s.district AND p.school_id = s.school_id
                 AND p.kind = 'STUDENT' AND p.active),
              (SELECT count(*) FROM school_class k WHERE k.district = s.district AND k.school_id = s.school_id
                 AND k.active),
            """ + STAFF_WITH_ROLE.formatted("r.role = 'CLASS_TEACHER'") + ",\n"
            + STAFF_WITH_ROLE.formatted("r.role = ANY (?)") + ",\n"
            + STAFF_WITH_ROLE.formatted("r.role = 'PSYCHOLOGY_TEACHER' AND r.full_time") + """

            FROM school s WHERE s.district = ? AND s.school_id = ?""";

    private static final String CLASS_COLUMNS = """
            SELECT k.class_id, k.school_id, k.title, k.grade, k.active,
              (SELECT count(*) FROM person p WHERE p.district = k.district AND p.class_id = k.class_id
                 AND p.kind = 'STUDENT' AND p.active)
            FROM school_class k""";

    private final AgroalDataSource dataSource;

    SchoolQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public Optional<SchoolView> school(String district, String schoolId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SCHOOL_SQL)) {
            ps.setArray(1, c.createArrayOf("text", PSYCHOLOGY_ROLES));
            ps.setString(2, district);
            ps.setString(3, schoolId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SchoolView(schoolId, rs.getString(1), rs.getBoolean(2), new SchoolCounts(
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the school", e);
        }
    }

    /** The classes of a school (active or not) by class id; empty when the school does not exist. */
    @Transactional
    public Optional<Page<ClassView>> classes(String district, String schoolId, KeyPage page) {
        String sql = CLASS_COLUMNS + " WHERE k.district = ? AND k.school_id = ?"
                + (page.hasCursor() ? " AND k.class_id > ?" : "") + " ORDER BY k.class_id LIMIT ?";
        try (Connection c = dataSource.getConnection()) {
            if (!schoolExists(c, district, schoolId)) {
                return Optional.empty();
            }
            List<ClassView> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, district);
                ps.setString(i++, schoolId);
                if (page.hasCursor()) {
                    ps.setString(i++, page.afterKey());
                }
                ps.setInt(i, page.limit() + 1);
                rows.addAll(readClasses(ps));
            }
            Map<String, List<String>> teachers = DirectoryStore.classTeachers(c, district,
                    rows.stream().map(ClassView::id).toList());
            return Optional.of(page.page(rows, ClassView::id, v -> withTeachers(v, teachers.get(v.id()))));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the classes", e);
        }
    }

    @Transactional
    public Optional<ClassView> schoolClass(String district, String classId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(CLASS_COLUMNS + " WHERE k.district = ? AND k.class_id = ?")) {
            ps.setString(1, district);
            ps.setString(2, classId);
            List<ClassView> found = readClasses(ps);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            List<String> teachers = DirectoryStore.classTeachers(c, district, List.of(classId)).get(classId);
            return Optional.of(withTeachers(found.get(0), teachers));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the class", e);
        }
    }

    /** The active students of a class, by id. */
    @Transactional
    public List<String> studentIds(String district, String classId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT person_id FROM person WHERE district = ? AND class_id = ? AND kind = 'STUDENT' AND active
                ORDER BY person_id""")) {
            ps.setString(1, district);
            ps.setString(2, classId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the students of the class", e);
        }
    }

    private static boolean schoolExists(Connection c, String district, String schoolId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM school WHERE district = ? AND school_id = ?")) {
            ps.setString(1, district);
            ps.setString(2, schoolId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static List<ClassView> readClasses(PreparedStatement ps) throws SQLException {
        List<ClassView> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new ClassView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), List.of(), rs.getLong(6), null, null));
            }
        }
        return rows;
    }

    private static ClassView withTeachers(ClassView v, List<String> teachers) {
        return new ClassView(v.id(), v.schoolId(), v.title(), v.grade(), v.active(),
                teachers == null ? List.of() : List.copyOf(teachers), v.students(), null, null);
    }
}
