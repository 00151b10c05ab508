package io.heartline.screening.submission;

import io.heartline.screening.instrument.SubjectType;

/** Whom a submission is about, as {@link SubmissionPolicy} decided it. */
public record Subject(String id, SubjectType type, Mode mode) {

    public enum Mode {
        /** A student or staff member about themself. */
        SELF,
        /** A psychologist about someone of their school. */
        ON_BEHALF,
        /** A teacher filling in an observer form about a student of their school. */
        OBSERVER
    }
}
