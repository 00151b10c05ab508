package io.heartline.training.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.web.KeyPage;
import io.heartline.platform.web.Page;
import io.heartline.training.directory.DirectoryStore;
import io.heartline.training.directory.Person;
import io.heartline.training.directory.PersonKind;
import io.heartline.training.directory.SchoolRole;

/** Reads of staff members, keyed by (district, person id). */
@ApplicationScoped
public class StaffQueries {

    private static final String HOLDS_ROLE = "EXISTS (SELECT 1 FROM staff_role r WHERE r.district = p.district"
            + " AND r.person_id = p.person_id";

    private final AgroalDataSource dataSource;

    StaffQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public Optional<Person> staffMember(String district, String personId) {
        try (Connection c = dataSource.getConnection()) {
            return DirectoryStore.byPersonId(c, district, personId).filter(p -> p.kind() == PersonKind.STAFF);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the staff member", e);
        }
    }

    /**
     * Active staff of the district by person id; with a school, those who hold a role there or belong to it; with a
     * role, those who hold it (at that school, when one is given).
     */
    @Transactional
    public Page<Person> activeStaff(String district, String schoolId, SchoolRole role, KeyPage page) {
        StringBuilder sql = new StringBuilder(
                "SELECT p.person_id FROM person p WHERE p.district = ? AND p.kind = 'STAFF' AND p.active");
        List<Object> args = new ArrayList<>(List.of(district));
        if (schoolId != null && role != null) {
            sql.append(" AND ").append(HOLDS_ROLE).append(" AND r.school_id = ? AND r.role = ?)");
            args.addAll(List.of(schoolId, role.name()));
        } else if (schoolId != null) {
            sql.append(" AND (p.school_id = ? OR ").append(HOLDS_ROLE).append(" AND r.school_id = ?))");
            args.addAll(List.of(schoolId, schoolId));
        } else if (role != null) {
            sql.append(" AND ").append(HOLDS_ROLE).append(" AND r.role = ?)");
            args.add(role.name());
        }
        if (page.hasCursor()) {
            sql.append(" AND p.person_id > ?");
            args.add(page.afterKey());
        }
        sql.append(" ORDER BY p.person_id LIMIT ?");
        args.add(page.limit() + 1);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            Map<String, Person> people = DirectoryStore.byPersonIds(c, district, ids);
            List<Person> inOrder = ids.stream().map(people::get).filter(Objects::nonNull).toList();
            return page.page(inOrder, Person::personId, p -> p);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list staff", e);
        }
    }
}
