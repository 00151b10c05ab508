package io.heartline.screening.directory;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;

/** The projection's tables ({@code directory_student}, {@code directory_staff}), in plain JDBC. */
@ApplicationScoped
public class DirectoryStore {

    /** What this service knows of a student. */
    public record Student(String district, String studentId, String school, String classId, String grade,
            LocalDate guardianConsentRequiredUntil, boolean active) {
    }

    private final AgroalDataSource dataSource;

    DirectoryStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void upsertStudent(String district, String studentId, String school, String classId, String grade,
            LocalDate consentUntil, boolean active, Instant now) {
        update("""
                INSERT INTO directory_student (district, student_id, school, class_id, grade,
                    guardian_consent_required_until, active, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (district, student_id) DO UPDATE SET school = EXCLUDED.school,
                    class_id = EXCLUDED.class_id, grade = EXCLUDED.grade,
                    guardian_consent_required_until = EXCLUDED.guardian_consent_required_until,
                    active = EXCLUDED.active, updated_at = EXCLUDED.updated_at""",
                district, studentId, school, classId, grade, consentUntil == null ? null : Date.valueOf(consentUntil),
                active, Timestamp.from(now));
    }

    void deactivateStudent(String district, String studentId, Instant now) {
        update("UPDATE directory_student SET active = false, class_id = NULL, updated_at = ? "
                + "WHERE district = ? AND student_id = ?", Timestamp.from(now), district, studentId);
    }

    /** The whole current set of a staff member's schools (empty: no longer active anywhere). */
    void replaceStaffSchools(String district, String personId, Map<String, Set<String>> schools, Instant now) {
        update("UPDATE directory_staff SET active = false, updated_at = ? WHERE district = ? AND person_id = ?"
                + " AND active", Timestamp.from(now), district, personId);
        for (var e : schools.entrySet()) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO directory_staff (district, school, person_id, roles, active, updated_at)
                    VALUES (?, ?, ?, ?, true, ?)
                    ON CONFLICT (district, school, person_id) DO UPDATE SET roles = EXCLUDED.roles, active = true,
                        updated_at = EXCLUDED.updated_at""")) {
                ps.setString(1, district);
                ps.setString(2, e.getKey());
                ps.setString(3, personId);
                ps.setArray(4, c.createArrayOf("text", e.getValue().toArray()));
                ps.setTimestamp(5, Timestamp.from(now));
                ps.executeUpdate();
            } catch (SQLException ex) {
                throw new IllegalStateException("Cannot update the staff projection (SQL state " + ex.getSQLState()
                        + ")", ex);
            }
        }
    }

    public Optional<Student> student(String district, String studentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT district, student_id, school, class_id, grade, guardian_consent_required_until, active
                FROM directory_student WHERE district IS NOT DISTINCT FROM ? AND student_id = ?""")) {
            ps.setString(1, district);
            ps.setString(2, studentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Date until = rs.getDate(6);
                return Optional.of(new Student(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), until == null ? null : until.toLocalDate(), rs.getBoolean(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the student projection (SQL state " + e.getSQLState() + ")",
                    e);
        }
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot update the directory projection (SQL state " + e.getSQLState()
                    + ")", e);
        }
    }
}
