package io.heartline.gateway.routing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.heartline.gateway.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/** The services' base URLs (from configuration) and the one pooled HTTP client the proxy uses to reach them. */
@ApplicationScoped
public class Upstreams {

    /** One service: where it listens, and the path its URL adds in front of the request path (usually empty). */
    public record Upstream(String name, String host, int port, boolean ssl, String basePath, String url) {
    }

    private final Map<String, Upstream> byName = new LinkedHashMap<>();
    private final HttpClient client;
    private final long connectTimeoutMs;
    private final long timeoutMs;

    public Upstreams(Vertx vertx, GatewayConfig config) {
        config.services().forEach((name, service) -> byName.put(name, parse(name, service.url())));
        this.connectTimeoutMs = config.upstream().connectTimeout().toMillis();
        this.timeoutMs = config.upstream().timeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setConnectTimeout((int) connectTimeoutMs)
                        .setDecompressionSupported(false)
                        .setTryUseCompression(false),
                new PoolOptions().setHttp1MaxSize(config.upstream().maxConnections()));
    }

    public Upstream get(String name) {
        Upstream u = byName.get(name);
        if (u == null) {
            throw new IllegalArgumentException("No upstream service " + name);
        }
        return u;
    }

    public Map<String, Upstream> all() {
        return byName;
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    /** A request to the upstream that fails when no byte arrives for {@code timeout} ({@code timeoutMs} here). */
    public Future<HttpClientRequest> request(Upstream u, HttpMethod method, String uri, long timeoutMs) {
        return client.request(new RequestOptions()
                .setHost(u.host())
                .setPort(u.port())
                .setSsl(u.ssl())
                .setMethod(method)
                .setURI(u.basePath() + uri)
                .setConnectTimeout(connectTimeoutMs)
                .setIdleTimeout(timeoutMs));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    static Upstream parse(String name, String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("heartline.gateway.services." + name + ".url is not an http(s) URL: " + url);
        }
        boolean ssl = "https".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String base = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return new Upstream(name, uri.getHost(), port, ssl, base, url);
    }
}
