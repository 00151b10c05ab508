package io.heartline.training.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import javax.sql.DataSource;

import io.heartline.platform.testsupport.TestTokens;

/**
 * Seeds directory rows straight into the tables (the importers are not needed to test reads). Each test works in its
 * own district, so tests never see each other's people.
 */
public final class DirectoryFixture {

    private static final Timestamp NOW = Timestamp.from(Instant.parse("2026-09-01T08:00:00Z"));

    public record Role(String role, String schoolId, boolean fullTime, String... classIds) {
    }

    private final DataSource db;
    public final String district;

    public DirectoryFixture(DataSource db, String district) {
        this.db = db;
        this.district = district;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The same fixture in another district: for "same ids, other district" cases. */
    public DirectoryFixture inDistrict(String otherDistrict) {
        return new DirectoryFixture(db, otherDistrict);
    }

    public DirectoryFixture school(String schoolId, String name) {
        update("INSERT INTO school (district, school_id, name, active, updated_at) VALUES (?, ?, ?, true, ?)",
                district, schoolId, name, NOW);
        return this;
    }

    public DirectoryFixture schoolClass(String classId, String schoolId, String title, String grade, boolean active) {
        update("""
                INSERT INTO school_class (district, class_id, school_id, title, grade, active, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", district, classId, schoolId, title, grade, active, NOW);
        return this;
    }

    public DirectoryFixture staff(String personId, String name, String schoolId, boolean active, Role... roles) {
        person(personId, "STAFF", name, schoolId, null, null, null, null, active);
        for (Role r : roles) {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO staff_role (district, person_id, school_id, role, full_time, class_ids)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, district);
                ps.setString(2, personId);
                ps.setString(3, r.schoolId());
                ps.setString(4, r.role());
                ps.setBoolean(5, r.fullTime());
                ps.setArray(6, c.createArrayOf("text", r.classIds()));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return this;
    }

    public DirectoryFixture student(String personId, String schoolId, String classId, LocalDate dateOfBirth,
            boolean active) {
        person(personId, "STUDENT", "Student " + personId, schoolId, classId, dateOfBirth, null, null, active);
        return this;
    }

    public DirectoryFixture guardian(String personId, String name, String email, String phone, boolean active) {
        person(personId, "GUARDIAN", name, null, null, null, email, phone, active);
        return this;
    }

    public DirectoryFixture link(String studentId, String guardianId, String relationship) {
        update("""
                INSERT INTO guardian_link (district, student_id, guardian_id, relationship, linked_at)
                VALUES (?, ?, ?, ?, ?)""", district, studentId, guardianId, relationship, NOW);
        return this;
    }

    /** A signed token of this district. */
    public String token(String role, String school, String sub) {
        TestTokens t = TestTokens.forRole(role).district(district).sub(sub);
        return (school == null ? t : t.school(school)).sign();
    }

    private void person(String personId, String kind, String name, String schoolId, String classId, LocalDate dob,
            String email, String phone, boolean active) {
        update("""
                INSERT INTO person (district, person_id, kind, source, source_id, display_name, school_id, class_id,
                                    date_of_birth, email, phone, active, created_at, updated_at)
                VALUES (?, ?, ?, 'ONEROSTER', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", district, personId, kind, personId,
                name, schoolId, classId, dob == null ? null : java.sql.Date.valueOf(dob), email, phone, active, NOW,
                NOW);
    }

    private void update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
