package io.heartline.platform.web;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sheds load instead of queueing without bound: beyond {@code heartline.http.max-in-flight} requests being served at
 * once, a request is answered 503 problem+json with {@code Retry-After} before any work is done for it. Without this,
 * a service that falls behind keeps accepting requests onto virtual threads (nothing else bounds them), each holding
 * its body and connection, until the heap runs out and every request fails (seen at 300/s on two cores). A 503 with
 * Retry-After is an honest answer a client retries with its Idempotency-Key. Health and metrics ({@code /q/}) and
 * long-lived event streams are not counted: probes must answer under load, and a stream is not work in progress.
 */
@ApplicationScoped
public class InFlightLimit {

    /** First of the platform's router handlers: a refused request costs nothing else. */
    static final int ORDER = HttpLimits.ORDER - 1;

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    InFlightLimit(@ConfigProperty(name = "heartline.http.max-in-flight", defaultValue = "256") int max) {
        this.max = max;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
    }

    /** Requests being served now (counted ones only). */
    public int inFlight() {
        return inFlight.get();
    }

    void handle(RoutingContext rc) {
        if (exempt(rc.request())) {
            rc.next();
            return;
        }
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            HttpLimits.refuse(rc, 503, "overloaded", "Service overloaded",
                    "More than " + max + " requests are being served; retry after a second (with the same "
                            + "Idempotency-Key for a write)");
            return;
        }
        // Called once when the response ends or the connection fails, so a slot is never lost.
        rc.addEndHandler(done -> inFlight.decrementAndGet());
        rc.next();
    }

    static boolean exempt(HttpServerRequest request) {
        String path = request.path();
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return path == null || path.startsWith("/q/") || accept != null && accept.contains("text/event-stream");
    }
}
