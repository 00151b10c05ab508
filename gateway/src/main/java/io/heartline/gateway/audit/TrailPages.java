package io.heartline.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The merge of the services' audit pages (pure: no I/O, table-tested). Every service pages its own rows newest first
 * by {@code (at, id)}; the gateway asks each for {@code limit} rows after its own position, orders the union by
 * {@code at} descending, then service name, then {@code id} descending (a total order that agrees with each service's
 * own), keeps the first {@code limit}, and moves each service's position to the last of its rows it kept. The
 * composite cursor holds every service's position, so no row is skipped or shown twice across pages.
 */
public final class TrailPages {

    /** The position of a service with nothing more to give. */
    static final String EXHAUSTED = "~";
    static final int MAX_CURSOR_LENGTH = 4096;
    static final int MAX_SERVICE_CURSOR_LENGTH = 512;

    /** One service's page as it answered: its items in its own order and its next cursor. */
    public record ServicePage(List<JsonObject> items, String nextCursor) {
    }

    /** The merged page and the composite cursor for the next one (null: every service has been read to its end). */
    public record Merged(List<JsonObject> items, String nextCursor) {
    }

    /** Thrown for a cursor the gateway did not make. */
    public static final class BadCursor extends RuntimeException {
        BadCursor(String message) {
            super(message, null, false, false);
        }
    }

    private TrailPages() {
    }

    /**
     * The positions in a composite cursor, one per known service: absent = from the start, {@link #EXHAUSTED} = done,
     * otherwise that service's own cursor.
     */
    public static Map<String, String> decode(String cursor, Set<String> services) {
        Map<String, String> positions = new LinkedHashMap<>();
        if (cursor == null || cursor.isEmpty()) {
            return positions;
        }
        if (cursor.length() > MAX_CURSOR_LENGTH) {
            throw new BadCursor("too long");
        }
        JsonObject p;
        try {
            JsonObject doc = new JsonObject(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (!Integer.valueOf(1).equals(doc.getValue("v"))) {
                throw new BadCursor("unknown version");
            }
            p = doc.getJsonObject("p");
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            throw new BadCursor("not a cursor");
        }
        if (p == null) {
            throw new BadCursor("no positions");
        }
        for (String service : p.fieldNames()) {
            if (!services.contains(service) || !(p.getValue(service) instanceof String s) || s.isEmpty()
                    || s.length() > MAX_SERVICE_CURSOR_LENGTH || !s.matches("[A-Za-z0-9_~-]+")) {
                throw new BadCursor("bad position");
            }
            positions.put(service, p.getString(service));
        }
        return positions;
    }

    public static String encode(Map<String, String> positions) {
        JsonObject p = new JsonObject();
        positions.forEach((k, v) -> {
            if (v != null) {
                p.put(k, v);
            }
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                new JsonObject().put("v", 1).put("p", p).encode().getBytes(StandardCharsets.UTF_8));
    }

    /** The service's own cursor for "after this row" (platform PageRequest: base64url of {@code at|id}). */
    static String after(JsonObject item) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (at(item) + "|" + item.getString("id")).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an item has what the merge needs: an {@code id} and an ISO-8601 {@code at}. */
    static boolean wellFormed(JsonObject item) {
        try {
            return item.getValue("id") instanceof String id && !id.isEmpty() && at(item) != null;
        } catch (DateTimeParseException | ClassCastException e) {
            return false;
        }
    }

    private static Instant at(JsonObject item) {
        return Instant.parse(item.getString("at"));
    }

    static final Comparator<JsonObject> NEWEST_FIRST = Comparator
            .comparing((JsonObject o) -> at(o)).reversed()
            .thenComparing(o -> o.getString("service"))
            .thenComparing(Comparator.comparing((JsonObject o) -> o.getString("id")).reversed());

    /**
     * Merges the pages that came back ({@code answered}; items already tagged with their {@code service}) into one
     * page of at most {@code limit}. {@code positions}: where each service was asked from; services that did not
     * answer keep that position, so their rows come later rather than never.
     */
    public static Merged merge(List<String> services, Map<String, String> positions,
            Map<String, ServicePage> answered, int limit) {
        List<JsonObject> all = new ArrayList<>();
        answered.forEach((service, page) -> all.addAll(page.items().subList(0, Math.min(limit, page.items().size()))));
        all.sort(NEWEST_FIRST);
        List<JsonObject> kept = all.subList(0, Math.min(limit, all.size()));

        Map<String, String> next = new LinkedHashMap<>();
        boolean more = false;
        for (String service : services) {
            String position = positions.get(service);
            ServicePage page = answered.get(service);
            if (page != null) {
                List<JsonObject> mine = kept.stream().filter(o -> service.equals(o.getString("service"))).toList();
                int offered = Math.min(limit, page.items().size());
                if (mine.size() == offered) {
                    position = offered == page.items().size() && page.nextCursor() == null ? EXHAUSTED
                            : offered < page.items().size() ? after(mine.get(mine.size() - 1))
                            : page.nextCursor();
                    if (position == null) {
                        position = EXHAUSTED;
                    }
                } else if (!mine.isEmpty()) {
                    position = after(mine.get(mine.size() - 1));
                }
            }
            if (!EXHAUSTED.equals(position)) {
                more = true;
            }
            next.put(service, position);
        }
        return new Merged(List.copyOf(kept), more ? encode(next) : null);
    }

    /** The answer body: the platform's TrailPage shape. */
    public static JsonObject body(Merged merged, List<String> missing) {
        return new JsonObject()
                .put("items", new JsonArray(new ArrayList<>(merged.items())))
                .put("nextCursor", merged.nextCursor())
                .put("incomplete", !missing.isEmpty())
                .put("missingServices", new JsonArray(new ArrayList<>(missing)));
    }
}
