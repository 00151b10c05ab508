package io.heartline.screening.submission;

import io.heartline.platform.web.PersonIds;

/** Person ids as the identity provider issues them: the platform's one format ({@link PersonIds}). */
public final class SubjectIds {
    public static final String PATTERN = PersonIds.PATTERN;
    public static final String MESSAGE = PersonIds.MESSAGE;

    private SubjectIds() {
    }

    public static boolean valid(String id) {
        return PersonIds.valid(id);
    }
}
