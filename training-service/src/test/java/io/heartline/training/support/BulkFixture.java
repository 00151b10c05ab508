package io.heartline.training.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Many directory rows at once (students and staff by generate_series), for reports and benchmarks. */
public final class BulkFixture {

    private BulkFixture() {
    }

    /** {@code count} active students of a school, ids {@code <prefix>-1..count}. */
    public static void students(DataSource db, String district, String school, String prefix, int count) {
        exec(db, """
                INSERT INTO person (district, person_id, kind, source, source_id, school_id, active, created_at,
                                    updated_at)
                SELECT ?, ? || '-' || g, 'STUDENT', 'ONEROSTER', ? || '-' || g, ?, true, now(), now()
                FROM generate_series(1, ?) g""", district, prefix, prefix, school, count);
    }

    /** {@code count} active staff of a school holding {@code role}, ids {@code <prefix>-1..count}. */
    public static void staff(DataSource db, String district, String school, String prefix, int count, String role,
            boolean fullTime) {
        exec(db, """
                INSERT INTO person (district, person_id, kind, source, source_id, display_name, school_id, active,
                                    created_at, updated_at)
                SELECT ?, ? || '-' || g, 'STAFF', 'HR', ? || '-' || g, 'Staff ' || g, ?, true, now(), now()
                FROM generate_series(1, ?) g""", district, prefix, prefix, school, count);
        exec(db, """
                INSERT INTO staff_role (district, person_id, school_id, role, full_time)
                SELECT ?, ? || '-' || g, ?, ?, ? FROM generate_series(1, ?) g""", district, prefix, school, role,
                fullTime, count);
    }

    public static void exec(DataSource db, String sql, Object... args) {
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
