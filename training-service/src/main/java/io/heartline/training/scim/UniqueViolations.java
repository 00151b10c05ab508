package io.heartline.training.scim;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Two requests racing for the same userName or employee number both pass the checks; the unique indexes stop the
 * second, which is then a SCIM {@code uniqueness} conflict rather than a 500.
 */
final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    static <T> T translate(Supplier<T> write) {
        try {
            return write.get();
        } catch (ScimFailure e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    throw ScimFailure.uniqueness("userName or externalId is already taken");
                }
            }
            throw e;
        }
    }
}
