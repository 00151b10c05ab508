package io.heartline.training.rosterimport;

import io.heartline.platform.web.PersonIds;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the text fields of one source row, collecting every problem rather than stopping at the first, so that a
 * report names all that is wrong with a row. Ids follow the one id format of Heartline ({@link PersonIds}: 1–64
 * letters, digits or . _ : @ -), so that every id the directory hands out can be used in every other service.
 */
final class Fields {

    static final int MAX_ID = 64;
    static final int MAX_TEXT = 200;

    private final Map<String, String> values;
    final List<String> errors = new ArrayList<>();

    Fields(Map<String, String> values) {
        this.values = values;
    }

    /** Trimmed value, or null for a missing or blank field. */
    String text(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        v = v.strip();
        if (v.isEmpty()) {
            return null;
        }
        if (v.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            errors.add(name + " contains control characters");
            return null;
        }
        if (v.length() > MAX_TEXT) {
            errors.add(name + " is longer than " + MAX_TEXT + " characters");
            return null;
        }
        return v;
    }

    String required(String name) {
        String v = text(name);
        if (v == null && errors.stream().noneMatch(e -> e.startsWith(name + " "))) {
            errors.add(name + " is required");
        }
        return v;
    }

    String id(String name, boolean required) {
        String v = required ? required(name) : text(name);
        if (v != null && !validId(v)) {
            errors.add(name + " '" + v + "' is not an id (1-" + MAX_ID + " letters, digits or . _ : @ -)");
            return null;
        }
        return v;
    }

    static boolean validId(String v) {
        return PersonIds.valid(v);
    }

    List<String> ids(String name) {
        String v = text(name);
        if (v == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String part : v.split("[;,]")) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!validId(id)) {
                errors.add(name + " has '" + id + "', which is not an id");
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    List<String> codes(String name) {
        String v = text(name);
        return v == null ? List.of()
                : Arrays.stream(v.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    Boolean bool(String name, Boolean dflt) {
        String v = text(name);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                errors.add(name + " must be true or false, not '" + v + "'");
                yield dflt;
            }
        };
    }

    LocalDate date(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (DateTimeParseException e) {
            errors.add(name + " '" + v + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    Instant instant(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : Instant.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(name + " '" + v + "' is not an ISO-8601 date or instant");
            return null;
        }
    }
}
