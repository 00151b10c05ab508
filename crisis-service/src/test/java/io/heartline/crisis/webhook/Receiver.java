package io.heartline.crisis.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;

import io.heartline.crisis.support.TestClock;

/**
 * A district system's webhook endpoint in a test: a JDK HTTP server on a free loopback port that answers with a status
 * the test sets and checks every request as a receiver would, with the standardwebhooks library (not our signer).
 * The timestamp is checked against the service's clock (tests move it), not the machine's.
 */
final class Receiver implements AutoCloseable {

    record Request(String id, long timestamp, String signature, String contentType, String body, boolean verified) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final AtomicInteger status = new AtomicInteger(204);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String secret;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;
    private volatile String redirectTo;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            var h = exchange.getRequestHeaders();
            String id = h.getFirst("webhook-id");
            String ts = h.getFirst("webhook-timestamp");
            String sig = h.getFirst("webhook-signature");
            String body = new String(raw, StandardCharsets.UTF_8);
            long timestamp = ts == null ? -1 : Long.parseLong(ts);
            requests.add(new Request(id, timestamp, sig, h.getFirst("content-type"), body,
                    verify(id, timestamp, sig, body)));
            if (hang) {
                try {
                    release.await(); // answers nothing until the test ends
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (redirectTo != null) {
                exchange.getResponseHeaders().add("Location", redirectTo);
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.setExecutor(pool);
        server.start();
    }

    /** The library signs the content as it arrived; one of the header's signatures must match, in constant time. */
    private boolean verify(String id, long timestamp, String header, String body) {
        if (id == null || header == null || secret == null
                || Math.abs(timestamp - TestClock.now().getEpochSecond()) > 300) {
            return false;
        }
        try {
            byte[] expected = new Webhook(secret).sign(id, timestamp, body).getBytes(StandardCharsets.UTF_8);
            for (String s : header.split(" ")) {
                if (MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    Receiver secret(String s) {
        this.secret = s;
        return this;
    }

    Receiver answer(int code) {
        status.set(code);
        return this;
    }

    /** Never answers (until closed): the sender's timeout must end the attempt. */
    Receiver hang() {
        hang = true;
        return this;
    }

    Receiver redirect(String location) {
        redirectTo = location;
        status.set(302);
        return this;
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    int count() {
        return requests.size();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
