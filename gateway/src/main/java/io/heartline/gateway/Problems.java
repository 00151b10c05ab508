package io.heartline.gateway;

import io.heartline.platform.events.RequestIds;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;

/** RFC 9457 problem documents for the answers the gateway gives itself. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://heartline.io/problems/";

    private Problems() {
    }

    /** Ends the response with a problem; {@code instance} is the request path (never the query, it may hold ids). */
    public static void send(HttpServerRequest request, int status, String slug, String title, String detail) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        JsonObject body = json(status, slug, title, detail, request.path());
        String requestId = response.headers().get(RequestIds.HEADER);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).putHeader("Cache-Control", "no-store");
        if ("HEAD".equals(request.method().name())) {
            response.end();
        } else {
            response.end(body.toBuffer());
        }
    }

    /**
     * Sends the problem and drops the rest of an unread request body: HTTP/1.x closes the connection after the
     * answer, HTTP/2 resets the stream once the answer is written.
     */
    public static void sendAndClose(HttpServerRequest request, int status, String slug, String title, String detail) {
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        if (!http2) {
            request.response().putHeader("Connection", "close");
        }
        send(request, status, slug, title, detail);
        if (!request.isEnded()) {
            if (http2) {
                request.response().reset();
            } else {
                request.connection().close();
            }
        }
    }

    public static JsonObject json(int status, String slug, String title, String detail, String instance) {
        return new JsonObject()
                .put("type", TYPE_BASE + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
    }
}
