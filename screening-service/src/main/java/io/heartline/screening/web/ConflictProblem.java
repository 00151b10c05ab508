package io.heartline.screening.web;

/**
 * A 409 problem+json that says why in a machine-readable {@code reason} (e.g. {@code CONSENT_REQUIRED}): the state of
 * the records does not allow the action yet, and someone can change that.
 */
public class ConflictProblem extends RuntimeException {

    private final String slug;
    private final String reason;

    public ConflictProblem(String slug, String reason, String detail) {
        super(detail, null, false, false);
        this.slug = slug;
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    String slug() {
        return slug;
    }
}
