package io.heartline.screening.scoring;

/** One thing wrong with the answers to one item. */
public record AnswerProblem(int item, Kind kind, String message) {

    public enum Kind {
        MISSING, OUT_OF_RANGE, DUPLICATED, UNKNOWN_ITEM, NOT_ASKED
    }
}
