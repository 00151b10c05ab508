package io.heartline.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The limit over real HTTP (a Vert.x server on a free port): requests beyond it get 503, slots come back. */
class InFlightLimitTest {

    private Vertx vertx;
    private HttpServer server;
    private InFlightLimit limit;
    private final List<RoutingContext> held = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        limit = new InFlightLimit(2);
        Router router = Router.router(vertx);
        limit.install(router);
        router.route("/slow").handler(held::add); // answered by the test
        router.route("/q/health").handler(rc -> rc.response().end("UP"));
        router.route("/fast").handler(rc -> rc.response().end("ok"));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void beyondTheLimitA503ProblemWithRetryAfterAndTheSlotsComeBack() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>(List.of(get("/slow"), get("/slow")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 2);
        assertEquals(2, limit.inFlight());

        HttpResponse<String> refused = get("/fast").get(10, TimeUnit.SECONDS);
        assertEquals(503, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("content-type").orElse(""));
        assertEquals("1", refused.headers().firstValue("retry-after").orElse(""));
        assertTrue(refused.body().contains("\"status\":503"), refused.body());
        // probes are not counted and still answer
        assertEquals(200, get("/q/health").get(10, TimeUnit.SECONDS).statusCode());

        held.forEach(rc -> vertx.runOnContext(v -> rc.response().end("done")));
        for (CompletableFuture<HttpResponse<String>> f : slow) {
            assertEquals(200, f.get(10, TimeUnit.SECONDS).statusCode());
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> limit.inFlight() == 0);
        assertEquals(200, get("/fast").get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void aClientThatGoesAwayGivesItsSlotBack() throws Exception {
        CompletableFuture<HttpResponse<String>> abandoned = get("/slow");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);
        assertEquals(1, limit.inFlight());
        held.get(0).request().connection().close(); // as if the client's connection died
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> limit.inFlight() == 0);
        abandoned.handle((r, e) -> null).get(10, TimeUnit.SECONDS);
    }
}
