package io.heartline.screening.instrument;

/** Whom a result is about. */
public enum SubjectType {
    STUDENT, STAFF
}
