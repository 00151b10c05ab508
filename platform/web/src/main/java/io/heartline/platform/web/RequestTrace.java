package io.heartline.platform.web;

import jakarta.enterprise.context.RequestScoped;

import io.heartline.platform.events.RequestIds;

/**
 * Correlation of the current request ({@code X-Request-Id}, W3C {@code traceparent}), set by
 * {@link RequestTraceFilter}; services hand both to the events they write so that Kafka headers carry them on.
 */
@RequestScoped
public class RequestTrace {

    public static final String REQUEST_ID = RequestIds.HEADER;
    public static final String TRACEPARENT = RequestIds.TRACEPARENT;

    private String requestId;
    private String traceparent;

    void set(String requestId, String traceparent) {
        this.requestId = requestId;
        this.traceparent = traceparent;
    }

    public String requestId() {
        return requestId;
    }

    /** The caller's trace context, or null when absent or malformed (never forwarded unchecked). */
    public String traceparent() {
        return traceparent;
    }
}
