package io.heartline.crisis;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.heartline.platform.web.Problem;

/** Maps {@link ReasonedProblem}; more specific than the platform's catch-all mapper. */
public class CrisisMappers {

    @ServerExceptionMapper
    public Response reasoned(ReasonedProblem e, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://heartline.io/problems/" + e.reason().toLowerCase().replace('_', '-'));
        body.put("title", e.status() == 409 ? "Conflict" : "Refused");
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("instance", uri.getPath());
        body.put("reason", e.reason());
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
