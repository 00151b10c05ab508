package io.heartline.platform.web;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one format of person ids in Heartline ({@code subjectId}, {@code assigneeId}, {@code personId},
 * {@code watcherId}, {@code studentIds}…, the token's {@code sub}): 1 to 64 characters, each a letter A–Z/a–z, a digit,
 * or one of {@code . _ : @ -}. OneRoster {@code sourcedId}s (GUIDs or codes), HR employee numbers and identity-provider
 * subjects fit it; it keeps ids safe in paths, logs, events and SQL, with no whitespace, control or look-alike
 * characters. Bodies use {@link PersonId}; path and query parameters {@link #require}.
 */
public final class PersonIds {

    public static final int MAX_LENGTH = 64;
    public static final String PATTERN = "[A-Za-z0-9._:@-]{1," + MAX_LENGTH + "}";
    public static final String MESSAGE = "must be 1 to 64 letters, digits or . _ : @ -";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private PersonIds() {
    }

    public static boolean valid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }

    /** A person id from a path or query parameter: null stays null (absent), anything malformed is a 400. */
    public static String optional(String field, String value) {
        return value == null ? null : require(field, value);
    }

    /** A required person id from a path or query parameter: missing or malformed is a 400 naming the field. */
    public static String require(String field, String value) {
        if (!valid(value)) {
            throw ProblemException.badRequest(field + " is not a person id",
                    List.of(new Problem.FieldError(field, MESSAGE)));
        }
        return value;
    }
}
