package io.heartline.screening.instrument;

/** Who fills an instrument in: the person themself (student or staff), or a teacher observing a student. */
public enum Audience {
    STUDENT, STAFF, OBSERVER
}
