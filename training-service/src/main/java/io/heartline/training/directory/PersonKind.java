package io.heartline.training.directory;

/** What a person is to the directory; events call it {@code personType}. */
public enum PersonKind {
    STAFF, STUDENT, GUARDIAN
}
