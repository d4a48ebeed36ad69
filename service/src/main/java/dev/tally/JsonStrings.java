package dev.tally;

/**
 * JSON string literals for Tally's hand-written JSON (status page, reports, COCO files): quotes, backslashes
 * and control characters escaped, and {@code < > &} and the line separators too, so the text is also safe
 * inside an HTML script block.
 */
public final class JsonStrings {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonStrings() {
    }

    /** Appends {@code s} as a JSON string literal ({@code null} for null). */
    public static StringBuilder append(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("null");
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15])
                                .append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** {@code s} as a JSON string literal. */
    public static String quote(String s) {
        return append(new StringBuilder(s == null ? 4 : s.length() + 2), s).toString();
    }
}
