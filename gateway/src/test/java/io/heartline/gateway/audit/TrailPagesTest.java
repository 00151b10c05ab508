package io.heartline.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vertx.core.json.JsonObject;

class TrailPagesTest {

    static final List<String> SERVICES = List.of("a", "b");
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void cursorRoundTrip() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("a", "QUJD");
        p.put("b", TrailPages.EXHAUSTED);
        assertEquals(p, TrailPages.decode(TrailPages.encode(p), Set.copyOf(SERVICES)));
        assertEquals(Map.of(), TrailPages.decode(null, Set.copyOf(SERVICES)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not base64!", "e30", "eyJ2IjoyfQ", "eyJ2IjoxfQ",
            // {"v":1,"p":{"c":"x"}} unknown service; {"v":1,"p":{"a":1}} not a string; {"v":1,"p":{"a":"a b"}}
            "eyJ2IjoxLCJwIjp7ImMiOiJ4In19", "eyJ2IjoxLCJwIjp7ImEiOjF9fQ", "eyJ2IjoxLCJwIjp7ImEiOiJhIGIifX0" })
    void foreignCursorsAreRefused(String cursor) {
        assertThrows(TrailPages.BadCursor.class, () -> TrailPages.decode(cursor, Set.copyOf(SERVICES)));
    }

    @Test
    void keepsTheNewestAndMovesEachServiceToWhatItGave() {
        JsonObject a1 = item("a", 5, "01"), a2 = item("a", 3, "02"), b1 = item("b", 4, "03"), b2 = item("b", 1, "04");
        TrailPages.Merged m = TrailPages.merge(SERVICES, Map.of(), Map.of(
                "a", new TrailPages.ServicePage(List.of(a1, a2), "next-a"),
                "b", new TrailPages.ServicePage(List.of(b1, b2), null)), 2);
        assertEquals(List.of(a1, b1), m.items());
        Map<String, String> next = TrailPages.decode(m.nextCursor(), Set.copyOf(SERVICES));
        assertEquals(TrailPages.after(a1), next.get("a"), "a gave one of two: after that one");
        assertEquals(TrailPages.after(b1), next.get("b"));
        assertEquals(T.plusSeconds(5) + "|" + a1.getString("id"),
                new String(Base64.getUrlDecoder().decode(next.get("a")), StandardCharsets.UTF_8),
                "the platform PageRequest cursor");
    }

    @Test
    void aServiceFullyTakenMovesToItsOwnNextCursorOrEnds() {
        JsonObject a1 = item("a", 5, "01"), b1 = item("b", 4, "03");
        TrailPages.Merged m = TrailPages.merge(SERVICES, Map.of(), Map.of(
                "a", new TrailPages.ServicePage(List.of(a1), "next-a"),
                "b", new TrailPages.ServicePage(List.of(b1), null)), 2);
        assertEquals(List.of(a1, b1), m.items());
        Map<String, String> next = TrailPages.decode(m.nextCursor(), Set.copyOf(SERVICES));
        assertEquals("next-a", next.get("a"));
        assertEquals(TrailPages.EXHAUSTED, next.get("b"));
        TrailPages.Merged end = TrailPages.merge(SERVICES, next, Map.of("a",
                new TrailPages.ServicePage(List.of(), null)), 2);
        assertNull(end.nextCursor(), "every service read to its end");
    }

    @Test
    void aMissingServiceKeepsItsPosition() {
        TrailPages.Merged m = TrailPages.merge(SERVICES, Map.of("b", "kept"), Map.of(
                "a", new TrailPages.ServicePage(List.of(), null)), 2);
        Map<String, String> next = TrailPages.decode(m.nextCursor(), Set.copyOf(SERVICES));
        assertEquals(Map.of("a", TrailPages.EXHAUSTED, "b", "kept"), next);
    }

    @Test
    void tiesGoByServiceThenIdDescending() {
        JsonObject a1 = item("a", 1, "01"), a2 = item("a", 1, "02"), b1 = item("b", 1, "03");
        TrailPages.Merged m = TrailPages.merge(SERVICES, Map.of(), Map.of(
                "a", new TrailPages.ServicePage(List.of(a2, a1), null),
                "b", new TrailPages.ServicePage(List.of(b1), null)), 10);
        assertEquals(List.of(a2, a1, b1), m.items());
        assertNull(m.nextCursor());
    }

    private static JsonObject item(String service, int seconds, String id) {
        return new JsonObject().put("id", "00000000-0000-7000-8000-0000000000" + id)
                .put("at", T.plusSeconds(seconds).toString()).put("service", service);
    }
}
