package io.heartline.training.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.training.directory.DirectoryStore;
import io.heartline.training.directory.Person;
import io.heartline.training.directory.PersonKind;

/** Reads of students and their guardians, keyed by (district, person id). */
@ApplicationScoped
public class StudentQueries {

    /** A student with the active class teachers of their class, the facts access decisions need. */
    public record FoundStudent(Person student, List<String> classTeacherIds) {
    }

    private final AgroalDataSource dataSource;

    StudentQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public Optional<FoundStudent> student(String district, String personId) {
        try (Connection c = dataSource.getConnection()) {
            Optional<Person> student = DirectoryStore.byPersonId(c, district, personId)
                    .filter(p -> p.kind() == PersonKind.STUDENT);
            if (student.isEmpty()) {
                return Optional.empty();
            }
            String classId = student.get().classId();
            List<String> teachers = classId == null ? List.of()
                    : DirectoryStore.classTeachers(c, district, List.of(classId)).get(classId);
            return Optional.of(new FoundStudent(student.get(), List.copyOf(teachers)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the student", e);
        }
    }

    /** The student's active guardians by id, with their contacts (callers drop them where not allowed). */
    @Transactional
    public List<GuardianView> guardians(String district, String studentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT g.person_id, g.display_name, g.family_name, g.given_name, l.relationship, g.email, g.phone
                FROM guardian_link l
                JOIN person g ON g.district = l.district AND g.person_id = l.guardian_id AND g.active
                WHERE l.district = ? AND l.student_id = ?
                ORDER BY g.person_id""")) {
            ps.setString(1, district);
            ps.setString(2, studentId);
            List<GuardianView> guardians = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    guardians.add(new GuardianView(rs.getString(1), name(rs.getString(2), rs.getString(3),
                            rs.getString(4)), rs.getString(5), new GuardianView.Contact(rs.getString(6),
                                    rs.getString(7))));
                }
            }
            return guardians;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the guardians", e);
        }
    }

    /** As {@link Person#displayLabel()}: the display name, else family then given name. */
    private static String name(String display, String family, String given) {
        if (display != null) {
            return display;
        }
        String n = ((family == null ? "" : family) + " " + (given == null ? "" : given)).trim();
        return n.isEmpty() ? null : n;
    }
}
