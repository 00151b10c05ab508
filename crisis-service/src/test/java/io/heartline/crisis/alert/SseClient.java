package io.heartline.crisis.alert;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

/** A test client of a Server-Sent Events stream: collects events and comment lines as they arrive. */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, String data, long receivedNanos) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    final StringBuffer raw = new StringBuffer();
    volatile int status;
    volatile String contentType;
    private volatile InputStream body;
    private final Thread reader;

    SseClient(String url, String token, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpRequest request = b.GET().build();
        reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                HttpResponse<InputStream> r = HttpClient.newHttpClient().send(request,
                        HttpResponse.BodyHandlers.ofInputStream());
                status = r.statusCode();
                contentType = r.headers().firstValue("content-type").orElse("");
                body = r.body();
                read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
            } catch (IOException | InterruptedException e) {
                // closed by the test
            }
        });
    }

    private void read(BufferedReader in) throws IOException {
        String id = null;
        String name = null;
        StringBuilder data = null;
        for (String line; (line = in.readLine()) != null;) {
            raw.append(line).append('\n');
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(new Event(id, name, data.toString(), System.nanoTime()));
                }
                id = null;
                name = null;
                data = null;
            } else if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).trim());
            }
        }
    }

    Event await(Predicate<Event> p, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> events.stream().anyMatch(p));
        return events.stream().filter(p).findFirst().orElseThrow();
    }

    void awaitComment(String text, Duration timeout) {
        Awaitility.await().atMost(timeout).until(() -> comments.contains(text));
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (IOException ignored) {
            // already closed
        }
        reader.interrupt();
    }
}
