package io.heartline.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.heartline.platform.testsupport.HeartlineTestInfra;
import io.heartline.referral.support.Who;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * SQL errors of the service's connections do not quote row values: PostgreSQL's "Detail: Key (…)=(…)" and "Failing
 * row contains (…)" would otherwise put reasons, risk levels and subject ids into logs and DLQ headers
 * ({@code logServerErrorDetail=false}).
 */
@QuarkusTest
@QuarkusTestResource(value = HeartlineTestInfra.class,
        initArgs = @ResourceArg(name = "database", value = "heartline_referral"))
class SqlErrorDetailTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aConstraintViolationDoesNotQuoteTheRowsValues() throws SQLException {
        String canary = Who.unique("canary-school");
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                insertRuleSet(c, canary);
                SQLException e = assertThrows(SQLException.class, () -> insertRuleSet(c, canary));
                assertEquals("23505", e.getSQLState(), "a unique violation");
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertFalse(String.valueOf(t.getMessage()).contains(canary), t.getMessage());
                    assertFalse(t.toString().contains(canary), t.toString());
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static void insertRuleSet(Connection c, String school) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO routing_rule_set (id, scope, scope_id, version, changed_by, changed_role, changed_at)
                VALUES (?, 'SCHOOL', ?, 1, 'test', 'school-admin', ?)""")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, school);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }
}
