package io.heartline.platform.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over a plain socket, for requests no well-behaved client library sends: a raw {@code %00} in the
 * target, a 20 KiB header, a declared body length without the body. One request per connection
 * ({@code Connection: close}); the answer is read to the end of the stream.
 */
public final class RawHttp {

    public record Answer(int status, Map<String, String> headers, String body) {
        /** Header value by case-insensitive name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String host;
    private final int port;

    public RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /**
     * Sends {@code method target} with {@code headers}; {@code body} (may be null) is sent as is, or, when
     * {@code declaredLength} is not null, only declared (the server must answer from the header alone).
     */
    public Answer send(String method, String target, Map<String, String> headers, byte[] body, Long declaredLength) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (declaredLength != null) {
                head.append("Content-Length: ").append(declaredLength).append("\r\n");
            } else if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null && declaredLength == null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + abbreviate(target) + " failed", e);
        }
    }

    /**
     * Reads one answer: the head, then exactly its Content-Length, or chunks up to the last one, or (neither) to the
     * end of the stream. A server may keep the connection open after refusing a body it never read, so the answer's
     * own framing decides where it ends.
     */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int headEnd = -1;
        while (headEnd < 0) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("No complete HTTP answer (" + all.size() + " bytes)");
            }
            all.write(buf, 0, n);
            headEnd = new String(all.toByteArray(), StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
        }
        byte[] bytes = all.toByteArray();
        String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(bytes, headEnd + 4, bytes.length - headEnd - 4);
        String length = headers.get("content-length");
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        if (length != null) {
            long want = Long.parseLong(length);
            while (body.size() < want) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                body.write(buf, 0, n);
            }
        } else if (chunked) {
            while (!new String(body.toByteArray(), StandardCharsets.ISO_8859_1).contains("\r\n0\r\n")
                    && !new String(body.toByteArray(), StandardCharsets.ISO_8859_1).startsWith("0\r\n")) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                body.write(buf, 0, n);
            }
        } else {
            in.transferTo(body);
        }
        byte[] raw = body.toByteArray();
        if (chunked) {
            raw = dechunk(raw);
        }
        return new Answer(status, headers, new String(raw, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length) {
            int lineEnd = i;
            while (lineEnd + 1 < raw.length && !(raw[lineEnd] == '\r' && raw[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeLine = new String(raw, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(raw, lineEnd + 2, Math.min(size, raw.length - lineEnd - 2));
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…(" + s.length() + " chars)";
    }
}
