package io.heartline.crisis.oncall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Table tests of who is on duty: rotation boundaries, overrides, a DST-free zone and one with DST. */
class RotaTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Rota weekly(ZoneId zone, List<Rota.Override> overrides) {
        // Monday 2026-03-02 08:00 local, one week each: a, b, c
        return new Rota(List.of("a", "b", "c"), ShiftLength.parse("P7D"), LocalTime.of(8, 0), zone,
                LocalDate.of(2026, 3, 2), overrides);
    }

    @ParameterizedTest(name = "Shanghai weekly at {0} -> {1}")
    @CsvSource({
            // 08:00 Shanghai = 00:00 UTC
            "2026-03-02T00:00:00Z, a, 2026-03-02T00:00:00Z, 2026-03-09T00:00:00Z",
            "2026-03-08T23:59:59Z, a, 2026-03-02T00:00:00Z, 2026-03-09T00:00:00Z",
            "2026-03-09T00:00:00Z, b, 2026-03-09T00:00:00Z, 2026-03-16T00:00:00Z",
            "2026-03-16T00:00:00Z, c, 2026-03-16T00:00:00Z, 2026-03-23T00:00:00Z",
            "2026-03-23T00:00:00Z, a, 2026-03-23T00:00:00Z, 2026-03-30T00:00:00Z",
            // before the start the rotation runs backwards: the week before is c's
            "2026-03-01T23:59:59Z, c, 2026-02-23T00:00:00Z, 2026-03-02T00:00:00Z",
            // a year later, no drift: Shanghai keeps no daylight saving
            "2027-03-01T00:00:00Z, b, 2027-03-01T00:00:00Z, 2027-03-08T00:00:00Z", // week 52: 52 mod 3 = 1
    })
    void shanghaiWeekly(String at, String person, String from, String until) {
        Rota.Duty d = weekly(SHANGHAI, List.of()).at(Instant.parse(at)).orElseThrow();
        assertEquals(person, d.personId());
        assertEquals(Instant.parse(from), d.from());
        assertEquals(Instant.parse(until), d.until());
        assertFalse(d.override());
    }

    @ParameterizedTest(name = "Berlin daily from {0} at {1} -> {2}")
    @CsvSource({
            // Berlin springs forward on 2026-03-29 (02:00 CET -> 03:00 CEST): 08:00 local is 07:00Z before, 06:00Z after
            "2026-03-28, 2026-03-28T07:00:00Z, a, 2026-03-28T07:00:00Z, 2026-03-29T06:00:00Z",
            "2026-03-28, 2026-03-29T05:59:59Z, a, 2026-03-28T07:00:00Z, 2026-03-29T06:00:00Z",
            "2026-03-28, 2026-03-29T06:00:00Z, b, 2026-03-29T06:00:00Z, 2026-03-30T06:00:00Z",
            "2026-03-28, 2026-03-30T06:00:00Z, a, 2026-03-30T06:00:00Z, 2026-03-31T06:00:00Z",
            // falls back on 2026-10-25 (03:00 CEST -> 02:00 CET): that shift lasts 25 hours
            "2026-10-24, 2026-10-24T06:00:00Z, a, 2026-10-24T06:00:00Z, 2026-10-25T07:00:00Z",
            "2026-10-24, 2026-10-25T06:30:00Z, a, 2026-10-24T06:00:00Z, 2026-10-25T07:00:00Z",
            "2026-10-24, 2026-10-25T07:00:00Z, b, 2026-10-25T07:00:00Z, 2026-10-26T07:00:00Z",
    })
    void berlinDailyAcrossDst(String startsOn, String at, String person, String from, String until) {
        Rota r = new Rota(List.of("a", "b"), ShiftLength.parse("P1D"), LocalTime.of(8, 0), BERLIN,
                LocalDate.parse(startsOn), List.of());
        Rota.Duty d = r.at(Instant.parse(at)).orElseThrow();
        assertEquals(person, d.personId());
        assertEquals(Instant.parse(from), d.from());
        assertEquals(Instant.parse(until), d.until());
    }

    @ParameterizedTest(name = "12-hour shifts at {0} -> {1}")
    @CsvSource({
            // PT12H handing over at 08:00 and 20:00 Berlin wall time across the spring change
            "2026-03-28T19:00:00Z, b, 2026-03-28T19:00:00Z, 2026-03-29T06:00:00Z",
            "2026-03-29T06:00:00Z, a, 2026-03-29T06:00:00Z, 2026-03-29T18:00:00Z",
            "2026-03-29T18:00:00Z, b, 2026-03-29T18:00:00Z, 2026-03-30T06:00:00Z",
    })
    void twelveHourShiftsFollowTheWallClock(String at, String person, String from, String until) {
        Rota r = new Rota(List.of("a", "b"), ShiftLength.parse("PT12H"), LocalTime.of(8, 0), BERLIN,
                LocalDate.of(2026, 3, 28), List.of());
        Rota.Duty d = r.at(Instant.parse(at)).orElseThrow();
        assertEquals(person, d.personId());
        assertEquals(Instant.parse(from), d.from());
        assertEquals(Instant.parse(until), d.until());
    }

    @Test
    void overridesWinAndCutTheSpan() {
        // b is sick on 2026-03-10 (Shanghai) from 00:00 to 12:00 local; x covers. Later-listed y wins where both cover.
        Rota.Override sick = new Rota.Override("x", Instant.parse("2026-03-09T16:00:00Z"),
                Instant.parse("2026-03-10T04:00:00Z"));
        Rota.Override inner = new Rota.Override("y", Instant.parse("2026-03-09T20:00:00Z"),
                Instant.parse("2026-03-09T22:00:00Z"));
        Rota r = weekly(SHANGHAI, List.of(sick, inner));
        Rota.Duty before = r.at(Instant.parse("2026-03-09T10:00:00Z")).orElseThrow();
        assertEquals("b", before.personId());
        assertEquals(Instant.parse("2026-03-09T00:00:00Z"), before.from());
        assertEquals(Instant.parse("2026-03-09T16:00:00Z"), before.until());
        Rota.Duty x = r.at(Instant.parse("2026-03-09T17:00:00Z")).orElseThrow();
        assertEquals("x", x.personId());
        assertTrue(x.override());
        assertEquals(Instant.parse("2026-03-09T20:00:00Z"), x.until());
        assertEquals("y", r.at(Instant.parse("2026-03-09T21:00:00Z")).orElseThrow().personId());
        Rota.Duty xAgain = r.at(Instant.parse("2026-03-09T23:00:00Z")).orElseThrow();
        assertEquals("x", xAgain.personId());
        assertEquals(Instant.parse("2026-03-09T22:00:00Z"), xAgain.from());
        Rota.Duty back = r.at(Instant.parse("2026-03-10T04:00:00Z")).orElseThrow();
        assertEquals("b", back.personId());
        assertEquals(Instant.parse("2026-03-10T04:00:00Z"), back.from());
        assertEquals(Instant.parse("2026-03-16T00:00:00Z"), back.until());
        // next after b's first span is the override x
        assertEquals("x", r.next(Instant.parse("2026-03-09T10:00:00Z")).orElseThrow().personId());
        assertEquals("c", r.next(Instant.parse("2026-03-10T05:00:00Z")).orElseThrow().personId());
    }

    @Test
    void nobodyWithoutParticipantsUnlessOverridden() {
        Rota r = new Rota(List.of(), ShiftLength.parse("P1D"), LocalTime.of(8, 0), SHANGHAI, LocalDate.of(2026, 3, 2),
                List.of(new Rota.Override("z", Instant.parse("2026-03-02T00:00:00Z"),
                        Instant.parse("2026-03-03T00:00:00Z"))));
        assertTrue(r.at(Instant.parse("2026-03-04T00:00:00Z")).isEmpty());
        assertEquals("z", r.at(Instant.parse("2026-03-02T01:00:00Z")).orElseThrow().personId());
    }

    @ParameterizedTest(name = "shift length {0} is refused")
    @CsvSource({ "PT5H", "PT90M", "P0D", "P29D", "P1M", "P1Y", "banana", "PT0H", "-P1D" })
    void badShiftLengths(String iso) {
        assertThrows(IllegalArgumentException.class, () -> ShiftLength.parse(iso));
    }

    @ParameterizedTest(name = "shift length {0} is accepted")
    @CsvSource({ "P1D, 1, 0", "P7D, 7, 0", "P1W, 7, 0", "PT12H, 0, 12", "PT8H, 0, 8", "PT24H, 0, 24" })
    void goodShiftLengths(String iso, int days, int hours) {
        ShiftLength l = ShiftLength.parse(iso);
        assertEquals(days, l.days());
        assertEquals(hours, l.hours());
    }
}
