package io.heartline.platform.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransientFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("connection refused (08001)", new SQLException("refused", "08001"), true),
                Arguments.of("admin shutdown (57P01)", new SQLException("terminating", "57P01"), true),
                Arguments.of("too many connections (53300)", new SQLException("too many", "53300"), true),
                Arguments.of("serialization failure (40001)", new SQLException("conflict", "40001"), true),
                Arguments.of("pool timeout", new SQLException("Acquisition timeout while waiting for new connection"),
                        true),
                Arguments.of("transient connection", new SQLTransientConnectionException("gone"), true),
                Arguments.of("wrapped", new IllegalStateException(new SQLException("refused", "08006")), true),
                Arguments.of("lock not available (55P03)", new SQLException("lock", "55P03"), true),
                Arguments.of("statement timeout (57014)", new SQLException("canceled", "57014"), true),
                Arguments.of("check violation (23514)", new SQLException("check", "23514"), false),
                Arguments.of("unique violation (23505)", new SQLException("dup", "23505"), false),
                Arguments.of("handler bug", new NullPointerException(), false));
    }

    @org.junit.jupiter.api.Test
    void summaryNamesTypesAndStatesButNoMessage() {
        String summary = TransientFailures.summary(
                new IllegalStateException("row (secret)", new SQLException("Failing row contains (secret)", "23514")));
        assertEquals("java.lang.IllegalStateException <- java.sql.SQLException [SQLSTATE 23514]", summary);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void classifies(String name, Throwable failure, boolean transientFailure) {
        assertEquals(transientFailure, TransientFailures.isTransient(failure));
    }
}
