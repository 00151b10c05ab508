package io.heartline.gateway.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.heartline.gateway.GatewayConfig;
import io.heartline.gateway.routing.Upstreams;
import io.heartline.gateway.routing.Upstreams.Upstream;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;

/**
 * Readiness of the gateway with each upstream's own readiness ({@code /q/health/ready}) as data. By default the
 * gateway is ready whenever it runs (an upstream that is down is answered with 503 per request, and the local stack
 * may run without some services); {@code heartline.gateway.readiness.require-upstreams=true} makes it depend on all.
 */
@Readiness
@ApplicationScoped
public class UpstreamReadiness implements AsyncHealthCheck {

    private final Upstreams upstreams;
    private final boolean requireUpstreams;
    private final long timeoutMs;

    public UpstreamReadiness(Upstreams upstreams, GatewayConfig config) {
        this.upstreams = upstreams;
        this.requireUpstreams = config.readiness().requireUpstreams();
        this.timeoutMs = config.readiness().timeout().toMillis();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        List<String> names = new ArrayList<>(upstreams.all().keySet());
        List<Future<String>> probes = new ArrayList<>();
        for (String name : names) {
            probes.add(probe(upstreams.get(name)));
        }
        Future<HealthCheckResponse> result = Future.join(probes).transform(ignored -> {
            Map<String, String> states = new TreeMap<>();
            boolean all = true;
            for (int i = 0; i < names.size(); i++) {
                String state = probes.get(i).result();
                states.put(names.get(i), state);
                all &= "UP".equals(state);
            }
            HealthCheckResponseBuilder b = HealthCheckResponse.named("gateway-upstreams")
                    .status(all || !requireUpstreams)
                    .withData("requireUpstreams", requireUpstreams);
            states.forEach(b::withData);
            return Future.succeededFuture(b.build());
        });
        return Uni.createFrom().completionStage(result.toCompletionStage());
    }

    private Future<String> probe(Upstream u) {
        return upstreams.request(u, HttpMethod.GET, "/q/health/ready", timeoutMs)
                .compose(HttpClientRequest::send)
                .compose(resp -> resp.body().map(body -> resp.statusCode() == 200
                        ? "UP" : "DOWN (HTTP " + resp.statusCode() + ")"))
                .otherwise(failure -> "DOWN (" + reason(failure) + ")");
    }

    private static String reason(Throwable failure) {
        return switch (io.heartline.gateway.routing.Forwarder.statusFor(failure)) {
            case 503 -> "unreachable";
            case 504 -> "timeout";
            default -> "bad answer";
        };
    }
}
