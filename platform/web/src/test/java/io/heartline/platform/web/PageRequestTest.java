package io.heartline.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageRequestTest {

    record Row(Instant at, UUID id) {
    }

    @Test
    void defaultsToFiftyWithoutCursor() {
        PageRequest p = PageRequest.of((String) null, null);
        assertEquals(50, p.limit());
        assertFalse(p.hasCursor());
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 201 })
    void limitOutsideOneToTwoHundredIsA400(int limit) {
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(limit, null));
        assertEquals(400, e.problem().status());
        assertEquals("limit", e.problem().errors().get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "1.5", "0", "999" })
    void rawLimitThatIsNotAWholeNumberInRangeIsA400(String limit) {
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(limit, null));
        assertEquals("limit", e.problem().errors().get(0).field());
    }

    @Test
    void rawLimitIsParsed() {
        assertEquals(7, PageRequest.of("7", null).limit());
        assertEquals(50, PageRequest.of("", null).limit());
    }

    @Test
    void foreignCursorIsA400() {
        ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.of(10, "bm9wZQ"));
        assertEquals("cursor", e.problem().errors().get(0).field());
    }

    @Test
    void nextCursorPointsAfterTheLastRowOfThePage() {
        List<Row> rows = List.of(new Row(Instant.parse("2026-11-23T10:00:00Z"), UUID.randomUUID()),
                new Row(Instant.parse("2026-11-23T09:00:00Z"), UUID.randomUUID()),
                new Row(Instant.parse("2026-11-23T08:00:00Z"), UUID.randomUUID()));
        Page<Row> page = PageRequest.of(2, null).page(rows, Row::at, Row::id, r -> r);
        assertEquals(rows.subList(0, 2), page.items());
        PageRequest next = PageRequest.of(2, page.nextCursor());
        assertTrue(next.hasCursor());
        assertEquals(rows.get(1).at(), next.beforeAt());
        assertEquals(rows.get(1).id(), next.beforeId());

        Page<Row> last = PageRequest.of(5, null).page(rows, Row::at, Row::id, r -> r);
        assertNull(last.nextCursor(), "no extra row fetched: no next page");
    }
}
