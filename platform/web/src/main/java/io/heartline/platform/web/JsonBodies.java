package io.heartline.platform.web;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request body is JSON unless the endpoint declares otherwise with {@code @Consumes} (roster uploads, SCIM): any
 * other or missing {@code Content-Type} on a request that carries a body is a 415 problem+json, on every endpoint,
 * action endpoints without a body parameter included. Without this, an endpoint lacking {@code @Consumes} would pick
 * whatever reader matches the declared type (text/plain into a String) and go on with it.
 */
public class JsonBodies {

    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON_TYPE);
    private final Map<Method, List<MediaType>> accepted = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void require(ContainerRequestContext request, ResourceInfo resource) {
        if (!carriesBody(request) || resource == null || resource.getResourceMethod() == null) {
            return;
        }
        List<MediaType> allowed = accepted.computeIfAbsent(resource.getResourceMethod(),
                m -> declared(m, resource.getResourceClass()));
        MediaType type;
        try {
            type = request.getMediaType();
        } catch (IllegalArgumentException unparsable) {
            throw unsupported("The Content-Type header is not a media type", allowed);
        }
        if (type != null && allowed.stream().anyMatch(a -> a.isCompatible(type))) {
            return;
        }
        throw unsupported(type == null ? "A request body needs a Content-Type"
                : "This endpoint does not read " + base(type), allowed);
    }

    private static ProblemException unsupported(String why, List<MediaType> allowed) {
        return new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                why + "; send " + String.join(" or ", allowed.stream().map(JsonBodies::base).toList()), null));
    }

    static boolean carriesBody(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    private static List<MediaType> declared(Method method, Class<?> type) {
        Consumes c = method.getAnnotation(Consumes.class);
        if (c == null && type != null) {
            c = type.getAnnotation(Consumes.class);
        }
        if (c == null) {
            return JSON;
        }
        return Arrays.stream(c.value()).flatMap(v -> Arrays.stream(v.split(","))).map(String::trim)
                .filter(v -> !v.isEmpty()).map(MediaType::valueOf).toList();
    }

    private static String base(MediaType t) {
        return t.getType() + "/" + t.getSubtype();
    }
}
