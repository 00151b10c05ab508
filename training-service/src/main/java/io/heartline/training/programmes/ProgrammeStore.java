package io.heartline.training.programmes;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heartline.training.programmes.ProgrammeModel.ComponentDef;
import io.heartline.training.programmes.ProgrammeModel.Course;
import io.heartline.training.programmes.ProgrammeModel.Mode;
import io.heartline.training.programmes.ProgrammeModel.Programme;
import io.heartline.training.programmes.ProgrammeModel.RequirementDef;

/** The SQL of programmes and their participants' marks. */
final class ProgrammeStore {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String COLUMNS = "id, district, school_id, title, template, pass_mark, excellent_share,"
            + " certificate_validity_months, components, requirements, marker_ids, state, created_by, created_at,"
            + " closed_at";

    /** What is recorded for one participant. */
    record Marks(Map<String, BigDecimal> scores, Map<String, Boolean> requirements, Map<String, Boolean> attendance,
            BigDecimal weightedTotal, String result) {
    }

    private ProgrammeStore() {
    }

    static void insert(Connection c, Programme p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO programme (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, p.id());
            ps.setString(2, p.district());
            ps.setString(3, p.schoolId());
            ps.setString(4, p.title());
            ps.setString(5, p.template());
            ps.setBigDecimal(6, p.passMark());
            ps.setBigDecimal(7, p.excellentShare());
            ps.setObject(8, p.certificateValidityMonths());
            ps.setString(9, json(p.components()));
            ps.setString(10, json(p.requirements()));
            ps.setArray(11, c.createArrayOf("text", p.markerIds().toArray()));
            ps.setString(12, p.state());
            ps.setString(13, p.createdBy());
            ps.setTimestamp(14, Timestamp.from(p.createdAt()));
            ps.setTimestamp(15, null);
            ps.executeUpdate();
        }
        int pos = 0;
        for (Course course : p.courses()) {
            insertCourse(c, p.id(), course, pos++);
        }
    }

    static void insertCourse(Connection c, UUID programme, Course course, int position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO programme_course (programme_id, course_id, position, title, mode, hours)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, programme);
            ps.setString(2, course.id());
            ps.setInt(3, position);
            ps.setString(4, course.title());
            ps.setString(5, course.mode().name());
            ps.setBigDecimal(6, course.hours());
            ps.executeUpdate();
        }
    }

    static Optional<Programme> find(Connection c, String district, UUID id, boolean lock) throws SQLException {
        List<Programme> l = select(c, "district = ? AND id = ?" + (lock ? " FOR UPDATE" : ""), district, id);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    static List<Programme> select(Connection c, String where, Object... args) throws SQLException {
        List<Programme> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM programme WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp closed = rs.getTimestamp(15);
                    rows.add(new Programme(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            (Integer) rs.getObject(8),
                            parse(rs.getString(9), new TypeReference<List<ComponentDef>>() { }),
                            parse(rs.getString(10), new TypeReference<List<RequirementDef>>() { }),
                            Arrays.asList((String[]) rs.getArray(11).getArray()), rs.getString(12), rs.getString(13),
                            rs.getTimestamp(14).toInstant(), closed == null ? null : closed.toInstant(), List.of()));
                }
            }
        }
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<Course>> courses = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT programme_id, course_id, title, mode, hours FROM programme_course
                WHERE programme_id = ANY (?) ORDER BY programme_id, position""")) {
            ps.setArray(1, c.createArrayOf("uuid", rows.stream().map(Programme::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    courses.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new Course(
                            rs.getString(2), rs.getString(3), Mode.valueOf(rs.getString(4)), rs.getBigDecimal(5)));
                }
            }
        }
        return rows.stream().map(p -> new Programme(p.id(), p.district(), p.schoolId(), p.title(), p.template(),
                p.passMark(), p.excellentShare(), p.certificateValidityMonths(), p.components(), p.requirements(),
                p.markerIds(), p.state(), p.createdBy(), p.createdAt(), p.closedAt(),
                courses.getOrDefault(p.id(), List.of()))).toList();
    }

    static boolean enrolled(Connection c, UUID programme, String personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM enrolment WHERE programme_id = ? AND person_id = ?")) {
            ps.setObject(1, programme);
            ps.setString(2, personId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Participants by person id (all when {@code afterKey} and {@code limit} are null; one person with {@code only}). */
    static LinkedHashMap<String, Marks> marks(Connection c, UUID programme, String only, String afterKey,
            Integer limit) throws SQLException {
        LinkedHashMap<String, Marks> out = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder(
                "SELECT person_id, weighted_total, result FROM enrolment WHERE programme_id = ?");
        List<Object> args = new ArrayList<>(List.of(programme));
        if (only != null) {
            sql.append(" AND person_id = ?");
            args.add(only);
        }
        if (afterKey != null) {
            sql.append(" AND person_id > ?");
            args.add(afterKey);
        }
        sql.append(" ORDER BY person_id");
        if (limit != null) {
            sql.append(" LIMIT ?");
            args.add(limit);
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Marks(new LinkedHashMap<>(), new LinkedHashMap<>(),
                            new LinkedHashMap<>(), rs.getBigDecimal(2), rs.getString(3)));
                }
            }
        }
        if (out.isEmpty()) {
            return out;
        }
        Object[] ids = out.keySet().toArray();
        fill(c, "SELECT person_id, component, score FROM assessment_score WHERE programme_id = ? AND person_id = ANY (?)",
                programme, ids, (rs) -> out.get(rs.getString(1)).scores().put(rs.getString(2), rs.getBigDecimal(3)));
        fill(c, "SELECT person_id, requirement, met FROM requirement_status WHERE programme_id = ? AND person_id = ANY (?)",
                programme, ids, (rs) -> out.get(rs.getString(1)).requirements().put(rs.getString(2), rs.getBoolean(3)));
        fill(c, "SELECT person_id, course_id, attended FROM attendance WHERE programme_id = ? AND person_id = ANY (?)",
                programme, ids, (rs) -> out.get(rs.getString(1)).attendance().put(rs.getString(2), rs.getBoolean(3)));
        return out;
    }

    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void fill(Connection c, String sql, UUID programme, Object[] ids, RowConsumer row)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, programme);
            ps.setArray(2, c.createArrayOf("text", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T parse(String s, TypeReference<T> type) {
        try {
            return JSON.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
