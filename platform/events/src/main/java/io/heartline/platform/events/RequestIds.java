package io.heartline.platform.events;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Correlation ids, one rule for the gateway, the services and the events: X-Request-Id is kept when well-formed and
 * created otherwise; a W3C traceparent is passed on only when well-formed.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACE = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private RequestIds() {
    }

    public static String requestId(String incoming) {
        return incoming != null && REQUEST_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    public static boolean validTraceparent(String value) {
        return value != null && TRACE.matcher(value).matches() && !value.startsWith("ff")
                && !value.regionMatches(3, "00000000000000000000000000000000", 0, 32)
                && !value.regionMatches(36, "0000000000000000", 0, 16);
    }
}
