package io.heartline.training.scim;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.heartline.platform.web.Problem;

/**
 * Errors on SCIM paths are SCIM errors (RFC 7644 §3.12), whoever raised them: this service's {@link ScimFailure}s,
 * and the platform's problem+json refusals (401 without a token, 403 for other roles, 415, 500…), rewritten here.
 */
public class ScimErrors {

    private static final MediaType SCIM = MediaType.valueOf(ScimSchemas.MEDIA_TYPE);

    @ServerExceptionMapper
    public Response failure(ScimFailure e) {
        return e.toResponse();
    }

    @ServerResponseFilter
    public void problemsAsScimErrors(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("/scim/")
                || !(response.getEntity() instanceof Problem problem)) {
            return;
        }
        String scimType = problem.status() == 400 ? "invalidSyntax" : null;
        Response error = ScimFailure.body(problem.status(), scimType, problem.detail());
        response.setEntity(error.getEntity(), null, SCIM);
    }
}
