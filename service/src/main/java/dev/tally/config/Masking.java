package dev.tally.config;

/** Hides secrets (passwords, URI user info) in text shown to operators. */
public final class Masking {
    public static final String MASK = "****";

    private Masking() {
    }

    /** The URI text with any password in its user info replaced by ****. */
    public static String uri(String s) {
        int scheme = s.indexOf("://");
        if (scheme < 0) {
            return s;
        }
        int start = scheme + 3;
        int end = s.indexOf('/', start);
        int at = s.lastIndexOf('@', end < 0 ? s.length() : end);
        if (at < start) {
            return s;
        }
        String userInfo = s.substring(start, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? MASK : userInfo.substring(0, colon) + ":" + MASK;
        return s.substring(0, start) + masked + s.substring(at);
    }

    /** A secret value: empty stays empty (shows it is unset), anything else becomes ****. */
    public static String secret(String s) {
        return s == null || s.isEmpty() ? "" : MASK;
    }
}
