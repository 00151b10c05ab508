package io.heartline.platform.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpClosedException;

/** A client that hangs up mid-body is told apart from a real failure, however deep the cause is wrapped. */
class ClientWentAwayTest {

    @Test
    void aClosedConnectionAnywhereInTheCausesIsTheClientGoingAway() {
        assertTrue(ProblemMappers.clientWentAway(new HttpClosedException("Connection was closed")));
        // as RESTEasy Reactive reports it: IOException(IOException(HttpClosedException))
        assertTrue(ProblemMappers.clientWentAway(
                new IOException(new IOException(new HttpClosedException("Connection was closed")))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ProblemMappers.clientWentAway(new IOException("disk full")));
        assertFalse(ProblemMappers.clientWentAway(new IllegalStateException(new SQLException("boom"))));
        assertFalse(ProblemMappers.clientWentAway(new RuntimeException()));
    }
}
