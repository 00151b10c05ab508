package io.heartline.platform.messaging;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells failures of the infrastructure (connection lost, server shutting down, out of resources, serialisation
 * conflicts) from failures caused by the record itself: the first pass with time, the second do not.
 */
final class TransientFailures {

    /**
     * SQLSTATE classes: connection exception, insufficient resources, operator intervention (shutdown, statement
     * timeout), transaction rollback (serialisation failure, deadlock).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "40");
    /** lock_not_available: another transaction holds what we need; it will let go. */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03");

    private TransientFailures() {
    }

    /**
     * What may be said about a failure where it leaves the process (DLQ headers): exception types and SQLSTATE,
     * never messages, which for SQL errors can quote row values.
     */
    static String summary(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(sb.isEmpty() ? "" : " <- ").append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                sb.append(" [SQLSTATE ").append(sql.getSQLState()).append(']');
            }
        }
        return sb.toString();
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (TRANSIENT_STATES.contains(state)
                        || state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2)))) {
                    return true;
                }
                if (state == null && String.valueOf(sql.getMessage()).contains("Acquisition timeout")) {
                    return true; // the pool could not hand out a connection in time
                }
            }
        }
        return false;
    }
}
