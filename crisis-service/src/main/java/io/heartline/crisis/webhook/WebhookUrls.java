package io.heartline.crisis.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a subscription may deliver to. Production ({@code allowHttpLoopback=false}): {@code https://} only, and
 * never to a loopback, private, link-local (cloud metadata) or unspecified address literal or {@code localhost}; names
 * are not resolved here (an egress proxy is the real SSRF guard, docs/crisis.md). Dev and test additionally accept
 * {@code http://} to a loopback host, so a receiver on this machine can be used.
 */
public final class WebhookUrls {

    static final int MAX_LENGTH = 2048;

    private WebhookUrls() {
    }

    /** @return why the URL is refused, or empty when it is accepted */
    public static Optional<String> problem(String url, boolean allowHttpLoopback) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost();
        if (!u.isAbsolute() || host == null || host.isEmpty()) {
            return Optional.of("must be an absolute URL with a host");
        }
        if (u.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials (user:password@)");
        }
        if (u.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        boolean loopback = isLoopback(host);
        if (allowHttpLoopback) {
            if (scheme.equals("https") || (scheme.equals("http") && loopback)) {
                return Optional.empty();
            }
            return Optional.of("must be https:// (http:// only to a loopback host in this environment)");
        }
        if (!scheme.equals("https")) {
            return Optional.of("must be https://");
        }
        if (loopback || isInternalLiteral(host)) {
            return Optional.of("must not point at a loopback, private or link-local address");
        }
        return Optional.empty();
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        return literal(h).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static boolean isInternalLiteral(String host) {
        return literal(host.toLowerCase(Locale.ROOT)).map(a -> a.isAnyLocalAddress() || a.isLinkLocalAddress()
                || a.isSiteLocalAddress() || isUniqueLocalV6(a)).orElse(false);
    }

    private static boolean isUniqueLocalV6(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    /** The address when the host is an IP literal (no name lookup happens for literals), else empty. */
    private static Optional<InetAddress> literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = h.matches("[0-9.]+");
        boolean v6 = h.contains(":") && h.matches("[0-9a-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
