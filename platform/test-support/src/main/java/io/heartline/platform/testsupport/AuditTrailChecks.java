package io.heartline.platform.testsupport;

import org.junit.jupiter.api.Test;

/**
 * The {@link AuditTrailContract} as JUnit tests: a service's audit test implements this and says only how it makes
 * one sensitive, allowed read ({@link #contract()}), so the four services run the same five checks.
 */
public interface AuditTrailChecks {

    /** A fresh record, its reader and the read, for one check. */
    AuditTrailContract contract();

    @Test
    default void purposeIsRecordedWithEachRead() {
        contract().purposeIsRecordedWithEachRead();
    }

    @Test
    default void rowsCannotBeChangedOrRemoved() {
        contract().rowsCannotBeChangedOrRemoved();
    }

    @Test
    default void auditIsForAdminsOfTheRecordsDistrictAndSchool() {
        contract().auditIsForAdminsOfTheRecordsDistrictAndSchool();
    }

    @Test
    default void accessLogShowsWhatWasReadAndWhyButNotWho() {
        contract().accessLogShowsWhatWasReadAndWhyButNotWho();
    }

    @Test
    default void bothViewsPageNewestFirst() {
        contract().bothViewsPageNewestFirst();
    }
}
