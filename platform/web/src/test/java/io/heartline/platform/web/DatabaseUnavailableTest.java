package io.heartline.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    private static SQLException state(String sqlState) {
        return new SQLException("row values must not matter", sqlState);
    }

    @Test
    void connectionLossShutdownAndExhaustionAreOutages() {
        assertEquals(Optional.of("08006"), DatabaseUnavailable.sqlState(state("08006")));
        assertEquals(Optional.of("08001"), DatabaseUnavailable.sqlState(state("08001")));
        assertEquals(Optional.of("57P01"), DatabaseUnavailable.sqlState(state("57P01")));
        assertEquals(Optional.of("57P03"), DatabaseUnavailable.sqlState(state("57P03")));
        assertEquals(Optional.of("53300"), DatabaseUnavailable.sqlState(state("53300")));
        assertTrue(DatabaseUnavailable.is(new SQLTransientConnectionException("gone")));
        assertEquals(Optional.of("pool-acquisition-timeout"),
                DatabaseUnavailable.sqlState(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void foundBehindWrappersCausesAndSuppressedExceptions() {
        RuntimeException wrapped = new RuntimeException("tx", new IllegalStateException("jpa", state("08003")));
        assertTrue(DatabaseUnavailable.is(wrapped));
        RuntimeException rollback = new RuntimeException("commit failed");
        rollback.addSuppressed(state("57P01"));
        assertTrue(DatabaseUnavailable.is(rollback));
        SQLException batch = state("22000");
        batch.setNextException(state("08006"));
        assertTrue(DatabaseUnavailable.is(batch));
    }

    @Test
    void badDataAndBugsAreNot() {
        assertFalse(DatabaseUnavailable.is(state("23505")), "unique violation");
        assertFalse(DatabaseUnavailable.is(state("22P05")), "untranslatable character (NUL)");
        assertFalse(DatabaseUnavailable.is(state("57014")), "statement timeout is the query's fault");
        assertFalse(DatabaseUnavailable.is(new IllegalStateException("bug")));
        assertFalse(DatabaseUnavailable.is(null));
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.initCause(other);
        assertFalse(DatabaseUnavailable.is(loop), "cause cycles end");
    }
}
