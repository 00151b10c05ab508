package io.heartline.training.directory;

/** What applying one source record did: the person it concerns, the change, and for errors or no-ops the reason. */
public record Outcome(PersonInput input, String personId, Change change, String reason) {

    public static Outcome error(PersonInput input, String reason) {
        return new Outcome(input, null, Change.ERROR, reason);
    }
}
