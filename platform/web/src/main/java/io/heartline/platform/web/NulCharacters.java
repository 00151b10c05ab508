package io.heartline.platform.web;

import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A NUL character ({@code %00}) in a path segment or query parameter is refused with 400 before any resource runs:
 * PostgreSQL cannot store it, and no Heartline id or code contains it. (Bodies: {@link StrictJson}.)
 */
public class NulCharacters {

    @ServerRequestFilter(preMatching = true)
    public void refuse(ContainerRequestContext request) {
        String raw = request.getUriInfo().getRequestUri().getRawPath() + "?"
                + request.getUriInfo().getRequestUri().getRawQuery();
        if (raw.contains("%00") || raw.indexOf('\u0000') >= 0) {
            throw ProblemException.badRequest("The request's path or query contains a NUL character (%00)",
                    List.of(new Problem.FieldError("uri", "must not contain %00")));
        }
    }
}
