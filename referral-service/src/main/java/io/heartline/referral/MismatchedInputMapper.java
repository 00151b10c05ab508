package io.heartline.referral;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.heartline.platform.web.Problem;

/**
 * Local workaround for a platform gap: quarkus-rest-jackson ships a mapper for {@link MismatchedInputException}
 * (unknown fields, wrong enum values, wrong types) that is more specific than platform/web's
 * {@code JsonProcessingException} mapper, so such bodies got plain-JSON 400s instead of problem+json. This maps them
 * the way platform/web does (reported; remove once the platform maps the subclass itself).
 */
public class MismatchedInputMapper {

    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        String field = path(e);
        String detail;
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'";
            message = "unknown field";
        } else if (!field.isEmpty()) {
            detail = "Field '" + field + "' has the wrong type or format";
            message = "wrong type or format";
        } else {
            return Problem.of(400, "malformed-body", "Malformed request body",
                    "The body does not match the expected JSON shape", null).at(uri.getPath()).toResponse();
        }
        return Problem.of(400, "malformed-body", "Malformed request body", detail,
                List.of(new Problem.FieldError(field, message))).at(uri.getPath()).toResponse();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
