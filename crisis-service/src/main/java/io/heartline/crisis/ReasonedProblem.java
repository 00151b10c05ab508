package io.heartline.crisis;

import io.heartline.platform.web.Problem;

/**
 * A problem+json refusal with a machine-readable {@code reason} (e.g. 409 {@code LEAD_NOT_QUALIFIED}), which the
 * platform's {@link Problem} has no field for.
 */
public class ReasonedProblem extends RuntimeException {

    private final int status;
    private final String reason;

    public ReasonedProblem(int status, String reason, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public static ReasonedProblem conflict(String reason, String detail) {
        return new ReasonedProblem(409, reason, detail);
    }

    public String reason() {
        return reason;
    }

    public int status() {
        return status;
    }
}
