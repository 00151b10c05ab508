package io.heartline.gateway;

import io.heartline.platform.events.RequestIds;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.heartline.gateway.audit.TrailMerge;
import io.heartline.gateway.ratelimit.RateLimiter;
import io.heartline.gateway.ratelimit.RateLimits;
import io.heartline.gateway.routing.Forwarder;
import io.heartline.gateway.routing.PathPattern;
import io.heartline.gateway.routing.Route;
import io.heartline.gateway.routing.RouteTable;
import io.heartline.gateway.routing.Upstreams;
import io.heartline.gateway.security.Caller;
import io.heartline.gateway.security.TokenVerifier;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's request pipeline on the Vert.x router (event loop, no thread hop for a known token):
 * request id → path check (400) → route (404) → bearer token (401) → per-caller rate limit (429) → role policy (403)
 * → body limit (413) → proxy. Also the public service documents under {@code /q/openapi/<service>} and the
 * problem+json 404 for everything else.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
    private static final Pattern JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,=:@%/]*");
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private final RouteTable table;
    private final TokenVerifier verifier;
    private final RateLimits limits;
    private final Forwarder forwarder;
    private final Upstreams upstreams;
    private final TrailMerge trailMerge;
    private final Map<String, Long> bodyLimits = new HashMap<>();

    public GatewayRoutes(GatewayConfig config, TokenVerifier verifier, RateLimits limits, Forwarder forwarder,
            Upstreams upstreams, TrailMerge trailMerge) {
        this.verifier = verifier;
        this.trailMerge = trailMerge;
        this.limits = limits;
        this.forwarder = forwarder;
        this.upstreams = upstreams;
        config.bodyLimits().forEach((name, size) -> bodyLimits.put(name, size.asLongValue()));
        if (!bodyLimits.containsKey("default")) {
            throw new IllegalStateException("heartline.gateway.body-limits.default is required");
        }
        this.table = RouteTable.load(config.policy(), config.services().keySet(), bodyLimits.keySet());
    }

    public RouteTable table() {
        return table;
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("Gateway: %d routes to %s", table.routes().size(), upstreams.all().keySet());
    }

    void install(@Observes Router router) {
        router.route("/api/*").handler(this::api);
        // SCIM 2.0 (the HR feed) keeps its standard base path outside /api.
        router.route("/scim/*").handler(this::api);
        router.get("/q/openapi/:service").handler(this::serviceDocument);
        router.route().last().handler(rc -> {
            start(rc.request());
            reject(rc.request(), 404, "not-found", "Not found", "No route for " + safe(rc.request().path()) + ".");
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    private String start(HttpServerRequest request) {
        String requestId = RequestIds.requestId(request.getHeader(RequestIds.HEADER));
        request.response().putHeader(RequestIds.HEADER, requestId);
        return requestId;
    }

    private void api(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause();
        String requestId = start(request);
        String path = request.path();
        if (!safePath(path)) {
            reject(request, 400, "bad-path", "Bad request path",
                    "The path has dot segments, encoded separators or characters a path may not hold.");
            return;
        }
        String[] segments = PathPattern.split(path);
        Route route = table.route(segments).orElse(null);
        if (route == null) {
            reject(request, 404, "not-found", "Not found", "No route for " + safe(path) + ".");
            return;
        }
        if (route.rule(request.method().name(), segments).map(Route.Rule::isPublic).orElse(false)) {
            publicRequest(request, route, requestId);
            return;
        }
        String token = bearer(request);
        if (token == null) {
            request.response().putHeader("WWW-Authenticate", "Bearer realm=\"heartline\"");
            reject(request, 401, "unauthenticated", "Authentication required",
                    "A bearer token (Authorization: Bearer <JWT>) is required.");
            return;
        }
        String client = clientAddress(request);
        if (token.isEmpty()) {
            limits.anonymous().tryAcquire(client);
            invalidToken(request);
            return;
        }
        Caller caller = verifier.cached(token);
        if (caller != null) {
            authorised(request, route, segments, caller, requestId);
            return;
        }
        if (!limits.anonymous().hasCapacity(client)) {
            tooMany(request, limits.anonymous().tryAcquire(client));
            return;
        }
        verifier.verify(token).onComplete(ar -> {
            if (ar.succeeded()) {
                authorised(request, route, segments, ar.result(), requestId);
            } else {
                limits.anonymous().tryAcquire(client);
                invalidToken(request);
            }
        });
    }

    private void authorised(HttpServerRequest request, Route route, String[] segments, Caller caller,
            String requestId) {
        long wait = limits.perCaller().tryAcquire(caller.subject());
        if (wait > 0) {
            tooMany(request, wait);
            return;
        }
        if (!route.allows(request.method().name(), segments, caller.roles())) {
            reject(request, 403, "forbidden", "Forbidden",
                    "Your role may not " + request.method().name() + " " + safe(request.path()) + ".");
            return;
        }
        long limit = bodyLimits.getOrDefault(route.bodyLimit(), bodyLimits.get("default"));
        if (declaredLength(request) > limit) {
            Problems.sendAndClose(request, 413, "body-too-large", "Request body too large",
                    "The request body exceeds " + limit + " bytes for this path.");
            return;
        }
        if (route.mergesAllServices()) {
            trailMerge.serve(request, requestId);
            return;
        }
        forwarder.forward(request, upstreams.get(route.service()), request.uri(), limit, requestId, false);
    }

    /**
     * A path the policy marks {@code public} (certificate verification): no token asked for or passed on, the
     * anonymous per-address rate limit, the route's body limit.
     */
    private void publicRequest(HttpServerRequest request, Route route, String requestId) {
        long wait = limits.anonymous().tryAcquire(clientAddress(request));
        if (wait > 0) {
            tooMany(request, wait);
            return;
        }
        long limit = bodyLimits.getOrDefault(route.bodyLimit(), bodyLimits.get("default"));
        if (declaredLength(request) > limit) {
            Problems.sendAndClose(request, 413, "body-too-large", "Request body too large",
                    "The request body exceeds " + limit + " bytes for this path.");
            return;
        }
        forwarder.forward(request, upstreams.get(route.service()), request.uri(), limit, requestId, true);
    }

    /** The service's own OpenAPI document, public (per-address limit), without the caller's credentials. */
    private void serviceDocument(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause();
        String requestId = start(request);
        String service = rc.pathParam("service");
        if (!upstreams.all().containsKey(service)) {
            reject(request, 404, "not-found", "Not found", "No service named " + safe(service) + ".");
            return;
        }
        long wait = limits.anonymous().tryAcquire(clientAddress(request));
        if (wait > 0) {
            tooMany(request, wait);
            return;
        }
        String query = request.query();
        forwarder.forward(request, upstreams.get(service), "/q/openapi" + (query == null ? "" : "?" + query),
                bodyLimits.get("default"), requestId, true);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void invalidToken(HttpServerRequest request) {
        request.response().putHeader("WWW-Authenticate",
                "Bearer realm=\"heartline\", error=\"invalid_token\", error_description=\"The token is invalid\"");
        reject(request, 401, "invalid-token", "Invalid token",
                "The bearer token is malformed, expired, not yet valid, badly signed, or not issued for Heartline.");
    }

    private void tooMany(HttpServerRequest request, long nanos) {
        request.response().putHeader("Retry-After", Long.toString(RateLimiter.retryAfterSeconds(nanos)));
        reject(request, 429, "rate-limited", "Too many requests", "Slow down and retry after the given time.");
    }

    /** Answers without reading the request body: a small one is drained, a large one is dropped. */
    private static void reject(HttpServerRequest request, int status, String slug, String title, String detail) {
        boolean largeBody = declaredLength(request) > 64 * 1024
                || declaredLength(request) < 0 && request.getHeader("transfer-encoding") != null;
        if (largeBody && !request.isEnded()) {
            Problems.sendAndClose(request, status, slug, title, detail);
        } else {
            Problems.send(request, status, slug, title, detail);
            if (!request.isEnded()) {
                request.resume();
            }
        }
    }

    static String bearer(HttpServerRequest request) {
        var values = request.headers().getAll("Authorization");
        if (values.size() != 1) {
            return values.isEmpty() ? null : "";
        }
        String value = values.get(0);
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "";
        }
        String token = value.substring(7).trim();
        return token.length() <= MAX_TOKEN_LENGTH && JWS.matcher(token).matches() ? token : "";
    }

    static boolean safePath(String path) {
        if (path == null || !path.startsWith("/") || path.contains("//") || !PATH_CHARS.matcher(path).matches()) {
            return false;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")
                || lower.contains("%3b")) {
            return false;
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static long declaredLength(HttpServerRequest request) {
        String cl = request.getHeader("content-length");
        if (cl == null) {
            return -1;
        }
        try {
            return Long.parseLong(cl.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String clientAddress(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
    }

    /** A path fit to echo in a problem detail. */
    private static String safe(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return cut.replaceAll("[^A-Za-z0-9\\-._~/%*+,=:@]", "?");
    }
}
