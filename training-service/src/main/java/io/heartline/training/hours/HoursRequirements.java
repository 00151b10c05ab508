package io.heartline.training.hours;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.heartline.training.directory.SchoolRole;

/** Yearly hours per role: configured defaults, overridden per district by {@code hours_requirement} rows. */
@ApplicationScoped
public class HoursRequirements {

    private final Map<SchoolRole, BigDecimal> defaults = new EnumMap<>(SchoolRole.class);

    HoursRequirements(@ConfigProperty(name = "heartline.training.hours.default-requirements") String config) {
        for (String pair : config.split(",")) {
            String[] kv = pair.trim().split("=");
            if (kv.length == 2) {
                defaults.put(SchoolRole.valueOf(kv[0].trim()), new BigDecimal(kv[1].trim()).setScale(1));
            }
        }
    }

    public Map<SchoolRole, BigDecimal> defaults() {
        return Map.copyOf(defaults);
    }

    public Map<SchoolRole, BigDecimal> forDistrict(Connection c, String district) throws SQLException {
        Map<SchoolRole, BigDecimal> m = new EnumMap<>(defaults);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT role, hours FROM hours_requirement WHERE district = ?")) {
            ps.setString(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(SchoolRole.valueOf(rs.getString(1)), rs.getBigDecimal(2));
                }
            }
        }
        return m;
    }

    public void set(Connection c, String district, SchoolRole role, BigDecimal hours, String by, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO hours_requirement (district, role, hours, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (district, role) DO UPDATE SET hours = EXCLUDED.hours, updated_by = EXCLUDED.updated_by,
                                                           updated_at = EXCLUDED.updated_at""")) {
            ps.setString(1, district);
            ps.setString(2, role.name());
            ps.setBigDecimal(3, hours);
            ps.setString(4, by);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        }
    }
}
