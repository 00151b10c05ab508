package io.heartline.training.schools;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.web.Problem;
import io.heartline.platform.web.ProblemException;

/**
 * A class's psychology representatives (心理委员): active students of that class, appointed by its class teacher or
 * the school's psychology staff. At most {@link #MAX} per class (schools appoint one or two).
 */
@ApplicationScoped
public class Representatives {

    static final int MAX = 4;

    private final AgroalDataSource dataSource;
    private final Clock clock;

    Representatives(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Replaces the class's representatives; each must be an active student of the class (else 400 naming them). */
    @Transactional
    public List<String> replace(String district, String classId, List<String> studentIds, String appointedBy,
            List<String> classStudents) {
        Set<String> wanted = new LinkedHashSet<>(studentIds);
        if (wanted.size() > MAX) {
            throw ProblemException.badRequest("A class has at most " + MAX + " psychology representatives",
                    List.of(new Problem.FieldError("studentIds", "at most " + MAX)));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        int i = 0;
        for (String id : studentIds) {
            if (!classStudents.contains(id)) {
                errors.add(new Problem.FieldError("studentIds[" + i + "]", "not an active student of this class"));
            }
            i++;
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("Psychology representatives must be active students of the class",
                    errors);
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM class_representative WHERE district = ? AND class_id = ?")) {
                del.setString(1, district);
                del.setString(2, classId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO class_representative (district, class_id, student_id, appointed_at, appointed_by)
                    VALUES (?, ?, ?, ?, ?)""")) {
                for (String id : wanted) {
                    ps.setString(1, district);
                    ps.setString(2, classId);
                    ps.setString(3, id);
                    ps.setTimestamp(4, Timestamp.from(clock.instant()));
                    ps.setString(5, appointedBy);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return of(c, district, classId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the class's representatives", e);
        }
    }

    /** The class's representatives who are still active students of it. */
    public List<String> of(String district, String classId) {
        try (Connection c = dataSource.getConnection()) {
            return of(c, district, classId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the class's representatives", e);
        }
    }

    private static List<String> of(Connection c, String district, String classId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.student_id FROM class_representative r
                JOIN person p ON p.district = r.district AND p.person_id = r.student_id
                WHERE r.district = ? AND r.class_id = ? AND p.active AND p.class_id = r.class_id
                ORDER BY r.student_id""")) {
            ps.setString(1, district);
            ps.setString(2, classId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }
}
