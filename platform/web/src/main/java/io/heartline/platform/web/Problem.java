package io.heartline.platform.web;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document; {@code reason} is a machine-readable code for refusals a client acts on (an
 * extension member, e.g. {@code CONSENT_REQUIRED}, {@code ASSIGNEE_NOT_IN_ROLE}); {@code errors} lists field-level
 * validation failures.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String reason,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://heartline.io/problems/";

    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, null, null, errors);
    }

    public Problem at(String instance) {
        return new Problem(type, title, status, detail, instance, reason, errors);
    }

    public Problem withReason(String code) {
        return new Problem(type, title, status, detail, instance, code, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
