package io.heartline.screening.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.heartline.platform.web.Problem;

/** Maps {@link ConflictProblem} onto RFC 9457 with the extension member {@code reason}. */
public class ConflictProblemMapper {

    @ServerExceptionMapper
    public Response map(ConflictProblem e, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://heartline.io/problems/" + e.slug());
        body.put("title", "Conflict");
        body.put("status", 409);
        body.put("detail", e.getMessage());
        body.put("instance", uri.getPath());
        body.put("reason", e.reason());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
