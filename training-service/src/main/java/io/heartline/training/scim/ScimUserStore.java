package io.heartline.training.scim;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few reads SCIM needs beyond the directory's own lookups: by user name, and pages of staff. */
final class ScimUserStore {

    private ScimUserStore() {
    }

    /** Whoever holds a user name in the district (any kind of person: the unique index spans them all). */
    static Optional<String> personIdByUserName(Connection c, String district, String userName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT person_id FROM person WHERE district = ? AND lower(user_name) = lower(?)")) {
            ps.setString(1, district);
            ps.setString(2, userName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Staff person ids matching the query, oldest first; {@code offset} 0-based. */
    static List<String> page(Connection c, String district, ScimUserQuery q, int offset, int limit)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        if (limit <= 0) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT person_id FROM person WHERE " + where(q)
                + " ORDER BY created_at, person_id OFFSET ? LIMIT ?")) {
            int i = bind(ps, district, q);
            ps.setInt(i++, offset);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static int count(Connection c, String district, ScimUserQuery q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM person WHERE " + where(q))) {
            bind(ps, district, q);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String where(ScimUserQuery q) {
        String base = "district = ? AND kind = 'STAFF'";
        if (q.attribute() == null) {
            return base;
        }
        return base + switch (q.attribute()) {
            case USER_NAME -> " AND lower(user_name) = lower(?)";
            case SOURCE_ID -> " AND source_id = ?";
            case PERSON_ID -> " AND person_id = ?";
        };
    }

    private static int bind(PreparedStatement ps, String district, ScimUserQuery q) throws SQLException {
        ps.setString(1, district);
        if (q.attribute() == null) {
            return 2;
        }
        ps.setString(2, q.value());
        return 3;
    }
}
