package io.heartline.platform.web;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into {@code application/problem+json}: validation and malformed JSON into 400 naming the
 * field, security refusals into 401/403, and anything unexpected into a 500 that reveals nothing.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** A PostgreSQL restart takes a few seconds; the pool replaces dead connections meanwhile. */
    static final String RETRY_AFTER_SECONDS = "2";

    /** The service's pool (absent in a module without a datasource). */
    @Inject
    Instance<AgroalDataSource> pools;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.problem().at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.of(400, "validation", "Invalid request", "The request has " + errors.size() + " invalid field(s)",
                errors).at(uri.getPath()).toResponse();
    }

    /**
     * quarkus-rest-jackson ships its own mapper for this subtype (unknown field, wrong type), more specific than the
     * one below; this one outranks it so that those 400s are problem+json too.
     */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String detail;
        List<Problem.FieldError> errors = null;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'";
            errors = List.of(new Problem.FieldError(path(u), "unknown field"));
        } else if (e instanceof JsonParseException) {
            detail = "The body is not valid JSON";
        } else if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            detail = "Field '" + path(m) + "' has the wrong type or format";
            errors = List.of(new Problem.FieldError(path(m), "wrong type or format"));
        } else {
            detail = "The body does not match the expected JSON shape";
        }
        return Problem.of(400, "malformed-body", "Malformed request body", detail, errors).at(uri.getPath())
                .toResponse();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(Problem.of(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required", null).at(uri.getPath()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "forbidden", "Forbidden", "Your role may not do this", null).at(uri.getPath())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return Problem.of(status, slug(reason), reason, e.getMessage(), null).at(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        var outage = DatabaseUnavailable.sqlState(e);
        if (outage.isPresent()) {
            return unavailable(outage.get(), uri);
        }
        if (clientWentAway(e)) {
            // The client closed the connection while its body was being read: nothing failed here, and nobody is
            // left to read an answer. One line, no stack trace, and never a 500 in the access log or metrics.
            LOG.infof("Client closed the connection before its request body was read on %s", uri.getPath());
            return Problem.of(400, "incomplete-request", "Incomplete request",
                    "The connection closed before the request body was complete", null).at(uri.getPath()).toResponse();
        }
        // Logged with the request id (MDC) for the operators; the client learns nothing about internals.
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return Problem.of(500, "internal", "Internal error",
                "The request could not be completed; quote the X-Request-Id when reporting it", null)
                .at(uri.getPath()).toResponse();
    }

    /** True when the failure is the client's connection closing (Vert.x {@code HttpClosedException} in the causes). */
    static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database is briefly out of reach (restart, lost connection, pool exhausted): a 503 the client may retry,
     * logged as one line without a stack trace (it is the infrastructure, not the code, and the SQL message could
     * quote row values). A write that answered 503 may or may not have committed; the same Idempotency-Key makes the
     * retry safe either way (docs/platform.md).
     */
    private Response unavailable(String reason, UriInfo uri) {
        LOG.warnf("Database unavailable on %s (%s): answered 503", uri.getPath(), reason);
        // Connections used within the last second are not validated when borrowed (docs/platform.md): once one is
        // found dead, check every idle one now (in the pool's background), so the retry does not meet another.
        if (pools != null && pools.isResolvable()) {
            pools.get().flush(AgroalDataSource.FlushMode.INVALID);
        }
        return Response.fromResponse(Problem.of(503, "service-unavailable", "Service unavailable",
                "A database this service needs is briefly unavailable; retry after the time given in Retry-After "
                        + "(a write retried with the same Idempotency-Key is applied at most once)",
                null).at(uri.getPath()).toResponse())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        // "create.request.answers[0].value" -> "answers[0].value": drop the method and parameter names.
        String p = v.getPropertyPath().toString();
        String[] parts = p.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
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

    private static String slug(String reason) {
        return reason == null ? "error" : reason.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
