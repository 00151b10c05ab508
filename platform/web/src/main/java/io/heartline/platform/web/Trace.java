package io.heartline.platform.web;

/** Correlation handed to the events a change writes: from the HTTP request, the consumed event, or none. */
public record Trace(String traceparent, String requestId) {

    public static final Trace NONE = new Trace(null, null);

    public static Trace of(RequestTrace trace) {
        return new Trace(trace.traceparent(), trace.requestId());
    }
}
