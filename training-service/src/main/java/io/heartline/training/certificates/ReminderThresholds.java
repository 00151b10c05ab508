package io.heartline.training.certificates;

import java.time.Duration;

/** The expiry reminder thresholds: 90, 30 and 7 days before. */
public final class ReminderThresholds {

    private ReminderThresholds() {
    }

    /** The smallest threshold whose window {@code remaining} is in, or 0 when none (more than 90 days). */
    public static int of(Duration remaining) {
        return CertificateReminders.threshold(remaining);
    }
}
