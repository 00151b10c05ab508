package io.heartline.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Accepts or creates {@code X-Request-Id}, keeps a well-formed {@code traceparent}, logs with the id, echoes it. */
public class RequestTraceFilter {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern W3C = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final RequestTrace trace;

    RequestTraceFilter(RequestTrace trace) {
        this.trace = trace;
    }

    @ServerRequestFilter(preMatching = true)
    public void onRequest(ContainerRequestContext request) {
        String given = request.getHeaderString(RequestTrace.REQUEST_ID);
        String requestId = given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        String tp = request.getHeaderString(RequestTrace.TRACEPARENT);
        trace.set(requestId, tp != null && W3C.matcher(tp).matches() ? tp : null);
        MDC.put("requestId", requestId);
    }

    @ServerResponseFilter
    public void onResponse(ContainerResponseContext response) {
        String id = trace.requestId();
        if (id != null) {
            response.getHeaders().putSingle(RequestTrace.REQUEST_ID, id);
        }
        MDC.remove("requestId");
    }
}
