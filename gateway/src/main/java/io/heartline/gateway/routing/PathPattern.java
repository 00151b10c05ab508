package io.heartline.gateway.routing;

import java.util.Arrays;
import java.util.List;

/**
 * A path glob: segments separated by {@code /}; {@code *} in a segment matches any characters within that one
 * segment ({@code crisis-*}), a last segment {@code **} matches zero or more further segments. A trailing slash in
 * the path is ignored.
 */
public final class PathPattern {

    private final String text;
    private final String[] segments;
    private final boolean openEnded;

    private PathPattern(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("A path pattern starts with '/': " + text);
        }
        List<String> parts = Arrays.asList(split(text));
        boolean open = !parts.isEmpty() && parts.get(parts.size() - 1).equals("**");
        if (open) {
            parts = parts.subList(0, parts.size() - 1);
        }
        for (String part : parts) {
            if (part.contains("**") || part.indexOf('*') != part.lastIndexOf('*') || part.isEmpty()) {
                throw new IllegalArgumentException("Bad path pattern (one '*' per segment, '**' only at the end, "
                        + "no empty segment): " + text);
            }
        }
        this.text = text;
        this.segments = parts.toArray(String[]::new);
        this.openEnded = open;
    }

    public static PathPattern of(String text) {
        return new PathPattern(text);
    }

    /** Matches a path that is already split into segments (see {@link #split}). */
    public boolean matches(String[] path) {
        if (openEnded ? path.length < segments.length : path.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            if (!segmentMatches(segments[i], path[i])) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(String path) {
        return matches(split(path));
    }

    /** "/a/b/" → [a, b]. */
    public static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    /** {@code *} stands for one or more characters. */
    private static boolean segmentMatches(String pattern, String segment) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(segment);
        }
        String prefix = pattern.substring(0, star);
        String suffix = pattern.substring(star + 1);
        return segment.length() > prefix.length() + suffix.length()
                && segment.startsWith(prefix) && segment.endsWith(suffix);
    }

    @Override
    public String toString() {
        return text;
    }
}
