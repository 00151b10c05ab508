package io.heartline.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * {@code ?limit=&cursor=} of a list sorted by one unique key (a class id, a person id, a report line number). The
 * sibling of {@link PageRequest}, which pages newest first by (time, UUID): same limit rules, same {@link Page}; only
 * the key differs. The cursor is the last key of the page, opaque to clients.
 */
public record KeyPage(int limit, String afterKey) {

    public static KeyPage of(String limit, String cursor) {
        int l = PageRequest.of(limit, null).limit();
        if (cursor == null || cursor.isBlank()) {
            return new KeyPage(l, null);
        }
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!key.startsWith("k:") || key.length() < 3) {
                throw new IllegalArgumentException("not ours");
            }
            return new KeyPage(l, key.substring(2));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor is not valid",
                    List.of(new Problem.FieldError("cursor", "not a cursor returned by this list")));
        }
    }

    public boolean hasCursor() {
        return afterKey != null;
    }

    /** Builds the page from rows fetched with {@code LIMIT limit + 1}: the extra row only says that more exist. */
    public <R, T> Page<T> page(List<R> rowsPlusOne, Function<R, String> key, Function<R, T> map) {
        boolean more = rowsPlusOne.size() > limit;
        List<R> rows = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        String next = more ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("k:" + key.apply(rows.get(rows.size() - 1))).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(rows.stream().map(map).toList(), next);
    }
}
