package dev.tally.http;

import dev.tally.config.HttpConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks an {@code Authorization} header against {@code http.users} (RFC 7617 Basic) and {@code http.bearer-token}
 * (RFC 6750 Bearer). Credentials are compared in constant time over their SHA-256 digests, so neither the length nor
 * a matching prefix shows in the answer time. Holds no state per request and logs nothing (a client that floods
 * wrong passwords cannot fill the log).
 */
final class HttpAuth {
    private final List<byte[]> basic = new ArrayList<>();
    private final byte[] bearer;
    private final List<String> challenges = new ArrayList<>();

    HttpAuth(HttpConfig cfg) {
        for (HttpConfig.User u : cfg.users()) {
            basic.add(sha256(u.user() + ":" + u.password()));
        }
        bearer = cfg.bearerToken().isEmpty() ? null : sha256(cfg.bearerToken());
        if (!basic.isEmpty()) {
            challenges.add("Basic realm=\"tally\", charset=\"UTF-8\"");
        }
        if (bearer != null) {
            challenges.add("Bearer realm=\"tally\"");
        }
    }

    /** True when the header carries a configured user's credentials or the bearer token. */
    boolean allows(String authorization) {
        if (authorization == null) {
            return false;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String scheme = authorization.substring(0, space);
        String value = authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Basic") && !basic.isEmpty()) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                return false;
            }
            byte[] given = sha256(new String(decoded, StandardCharsets.UTF_8));
            boolean ok = false;
            for (byte[] b : basic) {
                ok |= MessageDigest.isEqual(b, given);
            }
            return ok;
        }
        if (scheme.equalsIgnoreCase("Bearer") && bearer != null) {
            return MessageDigest.isEqual(bearer, sha256(value));
        }
        return false;
    }

    /** The {@code WWW-Authenticate} values of a 401: Basic when users are set (browsers then ask), Bearer when a token is. */
    List<String> challenges() {
        return challenges;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
