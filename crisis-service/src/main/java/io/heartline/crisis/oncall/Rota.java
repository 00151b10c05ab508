package io.heartline.crisis.oncall;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Who is on duty at an instant: a rotation of participants in order, each shift {@link ShiftLength} long, handing
 * over at {@code handover} local time in {@code zone}, starting on {@code startsOn}; one-off overrides win over the
 * rotation (the last listed wins when several cover an instant). Handovers follow the wall clock, as on-call tools do:
 * a daily 08:00 handover stays at 08:00 across a daylight-saving change (that shift lasts 23 or 25 hours). A local
 * handover time that does not exist (spring-forward gap) moves forward by the gap; an ambiguous one (fall-back)
 * takes the earlier offset. Pure: no clock, no database.
 */
public record Rota(List<String> participants, ShiftLength length, LocalTime handover, ZoneId zone,
        LocalDate startsOn, List<Override> overrides) {

    /** A one-off replacement (holiday, sick day): {@code personId} on duty over [from, to). */
    public record Override(String personId, Instant from, Instant to) {
        boolean covers(Instant t) {
            return !t.isBefore(from) && t.isBefore(to);
        }
    }

    /** Who is on duty over [from, until); {@code override}: by an override rather than the rotation. */
    public record Duty(String personId, Instant from, Instant until, boolean override) {
    }

    public Rota {
        participants = List.copyOf(participants);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** The person on duty at {@code t}, with the span of that duty; empty when nobody is (no participants). */
    public Optional<Duty> at(Instant t) {
        Override o = overrideAt(t);
        long k = shiftIndex(t);
        Instant shiftFrom = shiftStart(k);
        Instant shiftUntil = shiftStart(k + 1);
        if (o == null && participants.isEmpty()) {
            return Optional.empty();
        }
        // The duty's span: cut by every override boundary inside the shift (or inside the override).
        Instant from = o != null ? o.from() : shiftFrom;
        Instant until = o != null ? o.to() : shiftUntil;
        for (Override x : overrides) {
            for (Instant b : List.of(x.from(), x.to())) {
                if (b.isAfter(from) && !b.isAfter(t)) {
                    from = b;
                }
                if (b.isAfter(t) && b.isBefore(until)) {
                    until = b;
                }
            }
        }
        String person = o != null ? o.personId() : participants.get((int) Math.floorMod(k, (long) participants.size()));
        return Optional.of(new Duty(person, from, until, o != null));
    }

    /** The duty after the one at {@code t} (the next person to take over). */
    public Optional<Duty> next(Instant t) {
        Optional<Duty> now = at(t);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        Instant probe = now.get().until();
        // skip spans that hand over to the same person (an override of the person already on duty)
        for (int i = 0; i < 64; i++) {
            Optional<Duty> d = at(probe);
            if (d.isEmpty() || !d.get().personId().equals(now.get().personId())) {
                return d;
            }
            probe = d.get().until();
        }
        return Optional.empty();
    }

    private Override overrideAt(Instant t) {
        Override found = null;
        for (Override o : overrides) {
            if (o.covers(t)) {
                found = o;
            }
        }
        return found;
    }

    /** Start of shift {@code k} (0 = the first shift, on {@code startsOn} at the handover time). */
    Instant shiftStart(long k) {
        LocalDateTime first = LocalDateTime.of(startsOn, handover);
        LocalDateTime local = length.isDays() ? first.plusDays(k * length.days())
                : first.plus(Duration.ofHours(k * length.hours()));
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    /** The index of the shift holding {@code t}: estimated on the local time line, then corrected at the edges. */
    long shiftIndex(Instant t) {
        LocalDateTime first = LocalDateTime.of(startsOn, handover);
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        long k = length.isDays() ? Math.floorDiv(ChronoUnit.DAYS.between(first, local), length.days())
                : Math.floorDiv(ChronoUnit.MINUTES.between(first, local), length.hours() * 60L);
        while (shiftStart(k).isAfter(t)) {
            k--;
        }
        while (!shiftStart(k + 1).isAfter(t)) {
            k++;
        }
        return k;
    }
}
