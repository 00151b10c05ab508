package io.heartline.gateway.routing;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heartline.gateway.Problems;
import io.heartline.platform.events.RequestIds;
import io.heartline.gateway.routing.Upstreams.Upstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Passes one request to its upstream with Vert.x HttpProxy's {@link ProxyRequest}/{@link ProxyResponse} (streaming
 * both ways), with header hygiene: hop-by-hop headers (and those named in {@code Connection}) dropped both ways,
 * client-supplied forwarding headers replaced by the gateway's own {@code X-Forwarded-For/Proto/Host},
 * {@code X-Request-Id} set, a malformed {@code traceparent} dropped, the upstream's CORS headers dropped (the gateway
 * answers CORS). Failures become problems: cannot connect → 503, no byte within the timeout → 504, anything else →
 * 502; a body of unknown length over the limit → 413.
 */
@ApplicationScoped
public class Forwarder {

    private static final Logger LOG = Logger.getLogger(Forwarder.class);

    static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    private static final List<String> CLIENT_FORWARDING = List.of("forwarded", "x-forwarded-for",
            "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "x-real-ip");

    private final Upstreams upstreams;

    public Forwarder(Upstreams upstreams) {
        this.upstreams = upstreams;
    }

    /**
     * Forwards the (paused) request to {@code upstream} at {@code uri} (path and query as the service should see
     * them). {@code anonymous}: the caller's Authorization header is not passed on.
     */
    public void forward(HttpServerRequest request, Upstream upstream, String uri, long bodyLimit, String requestId,
            boolean anonymous) {
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        MultiMap headers = proxyRequest.headers();
        dropHopByHop(headers);
        for (String h : CLIENT_FORWARDING) {
            headers.remove(h);
        }
        if (anonymous) {
            headers.remove("authorization");
        }
        headers.set("X-Forwarded-For", request.remoteAddress() == null ? "unknown" : request.remoteAddress().host());
        headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        HostAndPort authority = request.authority();
        if (authority != null) {
            headers.set("X-Forwarded-Host", authority.toString());
        }
        headers.set(RequestIds.HEADER, requestId);
        if (!RequestIds.validTraceparent(headers.get(RequestIds.TRACEPARENT))) {
            headers.remove(RequestIds.TRACEPARENT);
            headers.remove("tracestate");
        }

        proxyRequest.setURI(upstream.basePath() + uri);
        if (unknownLength(request)) {
            // Chunked (HTTP/1.1) or length-less (HTTP/2) body: read it up to the limit first, then send it with a
            // Content-Length, so that an oversized body is refused before the service sees any of it.
            readUpTo(request, bodyLimit).onComplete(ar -> {
                if (ar.failed()) {
                    proxyRequest.release();
                    Problems.sendAndClose(request, 413, "body-too-large", "Request body too large",
                            "The request body exceeds " + bodyLimit + " bytes for this path.");
                    return;
                }
                proxyRequest.setBody(ar.result().length() == 0 ? null : Body.body(ar.result()));
                send(request, proxyRequest, upstream, uri);
            });
        } else {
            send(request, proxyRequest, upstream, uri);
        }
    }

    private void send(HttpServerRequest request, ProxyRequest proxyRequest, Upstream upstream, String uri) {
        upstreams.request(upstream, request.method(), uri, upstreams.timeoutMs())
                .compose(proxyRequest::send)
                .onSuccess(response -> {
                    MultiMap rh = response.headers();
                    dropHopByHop(rh);
                    rh.remove(RequestIds.HEADER);
                    rh.names().stream().filter(n -> n.toLowerCase(Locale.ROOT).startsWith("access-control-"))
                            .toList().forEach(rh::remove);
                    response.send();
                })
                .onFailure(failure -> {
                    proxyRequest.release();
                    fail(request, upstream, failure);
                });
    }

    /** HTTP/1.x: a body without Content-Length is chunked; HTTP/2: any request stream still open may carry one. */
    private static boolean unknownLength(HttpServerRequest request) {
        if (request.getHeader("content-length") != null) {
            return false;
        }
        return request.version() == HttpVersion.HTTP_2 ? !request.isEnded()
                : request.getHeader("transfer-encoding") != null;
    }

    private static Future<Buffer> readUpTo(HttpServerRequest request, long limit) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                request.handler(null);
                request.pause();
                promise.tryFail("too large");
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        request.resume();
        return promise.future();
    }

    private void fail(HttpServerRequest request, Upstream upstream, Throwable failure) {
        int status = statusFor(failure);
        LOG.warnf("%s %s -> %s: %d (%s)", request.method(), request.path(), upstream.name(), status,
                failure.getClass().getSimpleName());
        switch (status) {
            case 503 -> Problems.send(request, 503, "upstream-unavailable", "Service unavailable",
                    "The " + upstream.name() + " service cannot be reached. Try again later.");
            case 504 -> Problems.send(request, 504, "upstream-timeout", "Gateway timeout",
                    "The " + upstream.name() + " service did not answer within " + upstreams.timeoutMs() + " ms.");
            default -> Problems.send(request, 502, "bad-gateway", "Bad gateway",
                    "The " + upstream.name() + " service gave no valid answer.");
        }
    }

    /** Cannot connect → 503; no answer in time → 504; anything else (reset, malformed answer) → 502. */
    public static int statusFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return 503;
            }
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return 504;
            }
        }
        return 502;
    }

    static void dropHopByHop(MultiMap headers) {
        for (String value : headers.getAll("connection")) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty()) {
                    headers.remove(name);
                }
            }
        }
        for (String h : HOP_BY_HOP) {
            headers.remove(h);
        }
    }
}
