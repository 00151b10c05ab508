package io.heartline.screening.instrument;

import java.util.List;

/** A definition file that must not be used: the service refuses to start with it, and the build fails. */
public class InvalidDefinitionException extends RuntimeException {

    private final List<String> problems;

    public InvalidDefinitionException(String what, List<String> problems) {
        super(what + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
