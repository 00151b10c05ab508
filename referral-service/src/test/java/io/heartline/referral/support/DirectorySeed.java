package io.heartline.referral.support;

import java.util.List;

import javax.sql.DataSource;

import io.heartline.platform.testsupport.Sql;

/**
 * Writes the directory projection straight into the tables, for tests about something else that need a student's
 * class teachers known (DirectoryRoutingTest proves the projection is fed from heartline.training events).
 */
public final class DirectorySeed {

    private DirectorySeed() {
    }

    /** A class of the school with these class teachers, and these students in it. */
    public static void classWith(DataSource db, String district, String school, String classId, List<String> teachers,
            String... students) {
        Sql.update(db, """
                INSERT INTO directory_class (district, class_id, school, teacher_ids) VALUES (?, ?, ?, ?::text[])
                ON CONFLICT (district, class_id) DO UPDATE SET teacher_ids = EXCLUDED.teacher_ids""",
                district, classId, school, "{" + String.join(",", teachers) + "}");
        for (String s : students) {
            student(db, district, school, classId, s);
        }
    }

    public static void student(DataSource db, String district, String school, String classId, String student) {
        Sql.update(db, """
                INSERT INTO directory_person (district, person_id, person_type, active) VALUES (?, ?, 'STUDENT', true)
                ON CONFLICT (district, person_id) DO UPDATE SET active = true""", district, student);
        Sql.update(db, """
                INSERT INTO directory_student (district, student_id, school, class_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (district, student_id) DO UPDATE SET class_id = EXCLUDED.class_id""",
                district, student, school, classId);
    }
}
