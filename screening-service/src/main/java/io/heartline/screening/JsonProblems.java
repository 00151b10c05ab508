package io.heartline.screening;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.heartline.platform.web.ProblemMappers;

/**
 * Local work-around for a platform gap: Quarkus' built-in mapper for {@link MismatchedInputException} (unknown field,
 * wrong type) is more specific than the platform's {@code JsonProcessingException} mapper, so those 400s came back
 * as plain JSON instead of problem+json. This hands them to the platform's mapper. Remove once platform/web maps the
 * subtype itself.
 */
public class JsonProblems {

    private final ProblemMappers platform = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return platform.json(e, uri);
    }
}
