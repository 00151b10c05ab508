package io.heartline.screening.submission;

/** Person ids as the identity provider issues them: opaque, short, and safe to put in logs and events. */
public final class SubjectIds {
    public static final String PATTERN = "[A-Za-z0-9._:@-]{1,64}";
    public static final String MESSAGE = "must be 1 to 64 letters, digits or . _ : @ -";

    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

    private SubjectIds() {
    }

    public static boolean valid(String id) {
        return id != null && COMPILED.matcher(id).matches();
    }
}
