package io.heartline.training.scim;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A refusal of a SCIM request, answered as an RFC 7644 §3.12 error ({@code status} as a string, optional
 * {@code scimType}). Unchecked so that it rolls the request's transaction back like any other failure.
 */
public final class ScimFailure extends RuntimeException {

    private final int status;
    private final String scimType;

    public ScimFailure(int status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimFailure invalidValue(String detail) {
        return new ScimFailure(400, "invalidValue", detail);
    }

    public static ScimFailure invalidFilter(String detail) {
        return new ScimFailure(400, "invalidFilter", detail);
    }

    public static ScimFailure invalidSyntax(String detail) {
        return new ScimFailure(400, "invalidSyntax", detail);
    }

    public static ScimFailure invalidPath(String detail) {
        return new ScimFailure(400, "invalidPath", detail);
    }

    public static ScimFailure mutability(String detail) {
        return new ScimFailure(400, "mutability", detail);
    }

    public static ScimFailure uniqueness(String detail) {
        return new ScimFailure(409, "uniqueness", detail);
    }

    public static ScimFailure notFound(String id) {
        return new ScimFailure(404, null, "Resource " + id + " not found");
    }

    public static ScimFailure preconditionFailed(String detail) {
        return new ScimFailure(412, null, detail);
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    public Response toResponse() {
        return body(status, scimType, getMessage());
    }

    /** An error body of any status, also for refusals that reach SCIM paths as problem+json (401, 403, 415…). */
    public static Response body(int status, String scimType, String detail) {
        ObjectNode error = ScimJson.object();
        error.putArray("schemas").add(ScimSchemas.ERROR);
        error.put("status", Integer.toString(status));
        if (scimType != null) {
            error.put("scimType", scimType);
        }
        if (detail != null) {
            error.put("detail", detail);
        }
        return Response.status(status).type(ScimSchemas.MEDIA_TYPE).entity(ScimJson.write(error)).build();
    }
}
