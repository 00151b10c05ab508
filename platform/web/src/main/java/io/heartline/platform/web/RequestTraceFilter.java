package io.heartline.platform.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.heartline.platform.events.RequestIds;

/** Accepts or creates {@code X-Request-Id}, keeps a well-formed {@code traceparent}, logs with the id, echoes it. */
public class RequestTraceFilter {

    private final RequestTrace trace;

    RequestTraceFilter(RequestTrace trace) {
        this.trace = trace;
    }

    @ServerRequestFilter(preMatching = true)
    public void onRequest(ContainerRequestContext request) {
        String requestId = RequestIds.requestId(request.getHeaderString(RequestTrace.REQUEST_ID));
        String tp = request.getHeaderString(RequestTrace.TRACEPARENT);
        trace.set(requestId, RequestIds.validTraceparent(tp) ? tp : null);
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
