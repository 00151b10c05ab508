package io.heartline.gateway.support;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;

/** Test helpers: drive the upstream test servers, and speak raw HTTP/1.1 where a client library would interfere. */
@QuarkusTestResource(UpstreamServers.class)
public final class Gateway {

    private Gateway() {
    }

    public static String controlUrl() {
        return ConfigProvider.getConfig().getValue("heartline.test.control-url", String.class);
    }

    public static void down(String service) {
        given().baseUri(controlUrl()).post("/" + service + "/down").then().statusCode(204);
    }

    public static void up(String service) {
        given().baseUri(controlUrl()).post("/" + service + "/up").then().statusCode(204);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A raw HTTP/1.1 answer: status, headers (lower-case names, every value) and body. */
    public record RawResponse(int status, Map<String, List<String>> headers, String body) {
        public List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public String header(String name) {
            List<String> v = all(name);
            return v.isEmpty() ? null : v.get(0);
        }
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) and {@code body} as they are, with
     * {@code Connection: close}, and reads the whole answer.
     */
    public static RawResponse raw(String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder h = new StringBuilder(head.strip()).append("\r\nHost: localhost:").append(RestAssured.port);
            h.append("\r\n\r\n");
            out.write(h.toString().replace("\n", "\r\n").replace("\r\r\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawResponse read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.computeIfAbsent(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length.get(0))));
        } else if (headers.containsKey("transfer-encoding")) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        }
        return new RawResponse(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
