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

    /** SQLSTATE classes: connection exception, insufficient resources, operator intervention, transaction rollback. */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "40");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2))) {
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
