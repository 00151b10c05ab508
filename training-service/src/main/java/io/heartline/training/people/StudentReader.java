package io.heartline.training.people;

/** In which capacity a caller reads a student's record; decides what they get. */
enum StudentReader {
    /** A psychologist of the student's school: everything, guardians' contacts included (audited). */
    PSYCHOLOGIST,
    /** The active class teacher of the student's class: the record, guardians without contacts. */
    CLASS_TEACHER,
    /** The student themself: their own record. */
    SELF
}
