package io.heartline.platform.web;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells "the database is briefly out of reach" (server restarting, connection lost, pool exhausted) from every other
 * failure, so that a request answers 503 with {@code Retry-After} instead of 500. Only SQLSTATEs and exception types
 * are looked at, never messages that could quote row values (except the pool's own fixed timeout text).
 */
public final class DatabaseUnavailable {

    /** connection_exception (08xxx) and insufficient_resources (53xxx, e.g. too_many_connections). */
    private static final Set<String> CLASSES = Set.of("08", "53");
    /** admin_shutdown, crash_shutdown, cannot_connect_now (a server restarting or in recovery). */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03");

    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable failure) {
        return sqlState(failure).isPresent();
    }

    /**
     * The SQLSTATE (or the exception type where there is none) that makes {@code failure} a database outage, looked
     * for through causes and suppressed exceptions (a failed commit or rollback hides the original as either).
     */
    public static Optional<String> sqlState(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        if (failure != null) {
            todo.push(failure);
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            String reason = reason(t);
            if (reason != null) {
                return Optional.of(reason);
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                todo.push(sql.getNextException());
            }
            for (Throwable s : t.getSuppressed()) {
                todo.push(s);
            }
        }
        return Optional.empty();
    }

    private static String reason(Throwable t) {
        if (!(t instanceof SQLException sql)) {
            return null;
        }
        String state = sql.getSQLState();
        if (state != null && (STATES.contains(state) || state.length() == 5 && CLASSES.contains(state.substring(0, 2)))) {
            return state;
        }
        if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException) {
            return t.getClass().getSimpleName();
        }
        // Agroal: "Sorry, acquisition timeout!" / "Acquisition timeout while waiting for new connection" (no state).
        if (state == null && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
            return "pool-acquisition-timeout";
        }
        return null;
    }
}
