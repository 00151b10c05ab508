package io.heartline.crisis.oncall;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * A shift's length: whole local days ({@code P1D}, {@code P7D}, {@code P1W}, up to 28 days) or whole hours that divide
 * a day ({@code PT6H}, {@code PT8H}, {@code PT12H}), so that handovers stay at the same wall-clock times every day.
 */
public record ShiftLength(String iso, int days, int hours) {

    public boolean isDays() {
        return days > 0;
    }

    /** @throws IllegalArgumentException with a message fit for a client */
    public static ShiftLength parse(String iso) {
        String s = iso == null ? "" : iso.trim().toUpperCase(java.util.Locale.ROOT);
        if (s.startsWith("PT")) {
            Duration d;
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration");
            }
            long h = d.toHours();
            if (d.isNegative() || d.isZero() || !d.equals(Duration.ofHours(h)) || 24 % h != 0) {
                throw new IllegalArgumentException("hours must be whole and divide 24 (PT6H, PT8H, PT12H, PT24H)");
            }
            return new ShiftLength(s, 0, (int) h);
        }
        Period p;
        try {
            p = Period.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 duration (e.g. P7D, P1W, PT12H)");
        }
        if (p.getYears() != 0 || p.getMonths() != 0 || p.getDays() < 1 || p.getDays() > 28) {
            throw new IllegalArgumentException("whole days from P1D to P28D");
        }
        return new ShiftLength(s, p.getDays(), 0);
    }
}
