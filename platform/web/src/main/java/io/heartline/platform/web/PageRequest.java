package io.heartline.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code ?limit=&cursor=} of a list sorted newest first by (time, id). The cursor is opaque to clients: the position
 * after which the next page starts.
 */
public record PageRequest(int limit, Instant beforeAt, UUID beforeId) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /**
     * From the raw query parameters. Take {@code limit} as a String in resources: JAX-RS answers a failed conversion
     * of an {@code Integer} query parameter with 404, where a client deserves a 400 naming the field.
     *
     * @throws ProblemException 400 for a limit that is not a number in 1..200 or a cursor that is not one of ours
     */
    public static PageRequest of(String limit, String cursor) {
        if (limit == null || limit.isBlank()) {
            return of((Integer) null, cursor);
        }
        try {
            return of(Integer.valueOf(limit.trim()), cursor);
        } catch (NumberFormatException e) {
            throw limitError();
        }
    }

    /** @throws ProblemException 400 for a limit outside 1..200 or a cursor that is not one of ours */
    public static PageRequest of(Integer limit, String cursor) {
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (l < 1 || l > MAX_LIMIT) {
            throw limitError();
        }
        if (cursor == null || cursor.isBlank()) {
            return new PageRequest(l, null, null);
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new PageRequest(l, Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("cursor is not valid",
                    List.of(new Problem.FieldError("cursor", "not a cursor returned by this list")));
        }
    }

    private static ProblemException limitError() {
        return ProblemException.badRequest("limit must be a whole number between 1 and " + MAX_LIMIT,
                List.of(new Problem.FieldError("limit", "must be a whole number between 1 and " + MAX_LIMIT)));
    }

    public boolean hasCursor() {
        return beforeAt != null;
    }

    /**
     * Builds the page from rows fetched with {@code LIMIT limit + 1}: the extra row only says that more exist.
     */
    public <R, T> Page<T> page(List<R> rowsPlusOne, Function<R, Instant> at, Function<R, UUID> id,
            Function<R, T> map) {
        boolean more = rowsPlusOne.size() > limit;
        List<R> rows = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        String next = null;
        if (more) {
            R last = rows.get(rows.size() - 1);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (at.apply(last) + "|" + id.apply(last)).getBytes(StandardCharsets.UTF_8));
        }
        return new Page<>(rows.stream().map(map).toList(), next);
    }
}
