package io.heartline.platform.web;

import java.util.List;

/** A refusal that becomes a problem+json response; thrown by domain code that knows why a request cannot be served. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", detail, errors));
    }

    public static ProblemException badRequest(String detail) {
        return badRequest(detail, null);
    }

    /** Also used for records outside the caller's scope, so that their existence is not revealed. */
    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", what + " was not found", null));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail, null));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail, null));
    }

    /**
     * 409 with a machine-readable {@code reason} (e.g. {@code CONSENT_REQUIRED}): the records do not allow the action
     * yet, and someone can change that.
     */
    public static ProblemException conflict(String slug, String reason, String detail) {
        return new ProblemException(Problem.of(409, slug, "Conflict", detail, null).withReason(reason));
    }

    /** 409 whose problem type is named after its reason ({@code LEAD_NOT_QUALIFIED} → {@code lead-not-qualified}). */
    public static ProblemException conflictBecause(String reason, String detail) {
        return conflict(reason.toLowerCase(java.util.Locale.ROOT).replace('_', '-'), reason, detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, "unprocessable", "Unprocessable request", detail, null));
    }
}
