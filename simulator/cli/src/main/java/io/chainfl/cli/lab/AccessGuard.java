package io.chainfl.cli.lab;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Who may talk to the lab. On 127.0.0.1 without a token: only requests addressed to the loopback host (the Host
 * header), so a web page elsewhere cannot reach it through a DNS name that resolves here. With a token (required
 * when the lab listens on another address): every request carries it, as {@code ?token=} or the
 * {@code X-Chainfl-Token} header, compared in constant time. Requests that change something must be JSON, which
 * a form on another site cannot send without the browser asking first (and the lab answers no CORS request).
 */
final class AccessGuard {
    static final String TOKEN_HEADER = "X-Chainfl-Token";
    private final String token;

    /** @param token the token every request must carry, or null when the lab is bound to loopback only */
    AccessGuard(String token) {
        this.token = token;
    }

    /** A random token of 128 bits, as 32 hex digits (for a lab bound elsewhere without --token). */
    static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /**
     * Refuses a request (401/403 with one line) or lets it through.
     *
     * @param host the request's Host header (null when absent)
     * @param queryToken the {@code token} query parameter (null when absent)
     * @param headerToken the {@code X-Chainfl-Token} header (null when absent)
     * @param staticAsset true for the page and its scripts and stylesheet, which the browser loads without the token
     *     (they are the jar's files, the same for everyone); the page then sends the token with every API call
     */
    void check(String host, String queryToken, String headerToken, boolean staticAsset) {
        if (token == null) {
            if (!loopbackHost(host)) {
                throw new LabHttpError(403, "this lab answers only requests to 127.0.0.1 or localhost; start it with --host and --token to serve other addresses");
            }
            return;
        }
        if (staticAsset) {
            return;
        }
        String given = headerToken != null ? headerToken : queryToken;
        if (given == null || !constantTimeEquals(given, token)) {
            throw new LabHttpError(401, "missing or wrong token: open the URL chainfl lab printed (it ends with ?token=...)");
        }
    }

    static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, Math.max(1, host.indexOf(']') + 1)) : host.replaceFirst(":\\d+$", "");
        return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
