package io.heartline.referral;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The service's clock, at PostgreSQL's precision, so that an instant read back equals the one written (cursors). */
public final class Time {
    private Time() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
