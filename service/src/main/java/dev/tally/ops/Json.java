package dev.tally.ops;

import java.util.List;

/**
 * The few JSON writing helpers the HTTP side needs (no JSON library): strings escaped per RFC 8259, with
 * {@code <}, {@code >}, {@code &} and the JavaScript line separators escaped too, so output is also safe inside
 * an HTML {@code <script>} element; non-finite numbers are written as {@code null}.
 */
final class Json {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    static StringBuilder string(StringBuilder sb, String s) {
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

    /** Integral values without a fraction, others with at most one decimal, non-finite as null. */
    static StringBuilder number(StringBuilder sb, double v) {
        if (!Double.isFinite(v)) {
            return sb.append("null");
        }
        double r = Math.round(v * 10) / 10.0;
        if (r == Math.rint(r) && Math.abs(r) < 1e15) {
            return sb.append((long) r);
        }
        return sb.append(r);
    }

    static StringBuilder strings(StringBuilder sb, List<String> items) {
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(sb, items.get(i));
        }
        return sb.append(']');
    }

    /** {@code "key":} after a comma unless {@code first}. */
    static StringBuilder key(StringBuilder sb, String key, boolean first) {
        if (!first) {
            sb.append(',');
        }
        return string(sb, key).append(':');
    }
}
