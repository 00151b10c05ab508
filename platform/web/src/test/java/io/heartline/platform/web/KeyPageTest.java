package io.heartline.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;


class KeyPageTest {

    @Test
    void theCursorOfAPageStartsTheNextOneAfterItsLastKey() {
        Page<String> first = KeyPage.of("2", null).page(List.of("a", "b", "c"), k -> k, k -> k);
        assertEquals(List.of("a", "b"), first.items());
        KeyPage next = KeyPage.of("2", first.nextCursor());
        assertEquals("b", next.afterKey());
        assertNull(next.page(List.of("c"), k -> k, k -> k).nextCursor());
    }

    @Test
    void limitsFollowThePlatformRules() {
        assertEquals(50, KeyPage.of(null, null).limit());
        assertEquals(200, KeyPage.of("200", null).limit());
        assertThrows(ProblemException.class, () -> KeyPage.of("201", null));
        assertThrows(ProblemException.class, () -> KeyPage.of("x", null));
    }

    @Test
    void foreignCursorsAre400() {
        assertThrows(ProblemException.class, () -> KeyPage.of(null, "bm9wZQ"));
        assertThrows(ProblemException.class, () -> KeyPage.of(null, "%%%"));
        assertThrows(ProblemException.class, () -> KeyPage.of(null, "azo"));
    }
}
