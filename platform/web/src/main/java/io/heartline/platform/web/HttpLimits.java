package io.heartline.platform.web;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.heartline.platform.events.RequestIds;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP layer's own refusals as problem+json, like the gateway's: a body over
 * {@code quarkus.http.limits.max-body-size} (413), a request target over {@code heartline.http.max-uri-length} (414),
 * header fields over {@code heartline.http.max-header-size} (431). Checked on the Vert.x router before JAX-RS and
 * before Quarkus's own (empty) 413, so no resource, filter or body reader runs.
 * <p>
 * Vert.x answers requests over its codec limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code max-header-size}) with a bare status before any router exists, and Quarkus offers no hook there; the platform
 * therefore sets those codec limits well above the limits enforced here (microprofile-config.properties), so that
 * only grossly oversized requests (over 64 KiB of request line or headers) get the bare answer.
 */
@ApplicationScoped
public class HttpLimits {

    /** Just before Quarkus's body-size handler ({@code ROUTE_ORDER_UPLOAD_LIMIT}). */
    static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private final int maxUriLength;
    private final long maxHeaderSize;
    private final long maxBodySize;

    HttpLimits(@ConfigProperty(name = "heartline.http.max-uri-length", defaultValue = "4096") int maxUriLength,
            @ConfigProperty(name = "heartline.http.max-header-size", defaultValue = "32K") MemorySize maxHeaderSize,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxUriLength = maxUriLength;
        this.maxHeaderSize = maxHeaderSize.asLongValue();
        this.maxBodySize = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.uri().length() > maxUriLength) {
            refuse(rc, 414, "uri-too-long", "URI too long",
                    "The request target (path and query) may be at most " + maxUriLength + " characters");
            return;
        }
        if (headerSize(request) > maxHeaderSize) {
            refuse(rc, 431, "headers-too-large", "Request header fields too large",
                    "The request's header fields may be at most " + maxHeaderSize + " bytes together");
            return;
        }
        if (declaredLength(request) > maxBodySize) {
            refuse(rc, 413, "body-too-large", "Request body too large",
                    "The request body may be at most " + maxBodySize + " bytes");
            return;
        }
        rc.next();
    }

    /** As the HTTP/1.1 codec counts them: each field line without its CRLF. */
    static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            size += h.getKey().length() + 2 + h.getValue().length();
        }
        return size;
    }

    private static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How much of an oversized body is read and dropped after the answer, and for how long, before closing. */
    static final long LINGER_BYTES = 4L * 1024 * 1024;
    static final long LINGER_MILLIS = 2_000;

    /**
     * Answers without handing the body to anyone. A connection with an unread body is closed after the answer (HTTP/2:
     * the stream is reset), but first lingers a moment, discarding what the client is still sending (at most
     * {@link #LINGER_BYTES} for {@link #LINGER_MILLIS}): closing at once makes a client that is still writing see a
     * broken pipe instead of the answer, the reason web servers close lingeringly.
     */
    static void refuse(RoutingContext rc, int status, String slug, String title, String detail) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = request.response();
        String requestId = RequestIds.requestId(request.getHeader(RequestIds.HEADER));
        boolean unreadBody = !request.isEnded()
                && (declaredLength(request) > 0 || request.getHeader("Transfer-Encoding") != null);
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        JsonObject body = new JsonObject()
                .put("type", "https://heartline.io/problems/" + slug)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", truncate(request.path()));
        response.setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Cache-Control", "no-store")
                .putHeader(RequestIds.HEADER, requestId);
        if (unreadBody && !http2) {
            response.putHeader("Connection", "close");
        }
        response.end(body.toBuffer()).onComplete(done -> {
            if (!unreadBody || request.isEnded()) {
                return;
            }
            if (http2) {
                response.reset();
                return;
            }
            long[] dropped = {0};
            long timer = rc.vertx().setTimer(LINGER_MILLIS, t -> request.connection().close());
            request.handler(chunk -> {
                dropped[0] += chunk.length();
                if (dropped[0] > LINGER_BYTES) {
                    rc.vertx().cancelTimer(timer);
                    request.connection().close();
                }
            });
            request.endHandler(v -> {
                rc.vertx().cancelTimer(timer);
                request.connection().close();
            });
            request.resume();
        });
    }

    /** The instance names the path, but never echoes a megabyte of it back. */
    private static String truncate(String path) {
        return path == null ? null : path.length() <= 256 ? path : path.substring(0, 256) + "…";
    }
}
