package dev.tally.http;

import java.util.List;

/**
 * The few JSON writing helpers the HTTP side needs (no JSON library): strings escaped per RFC 8259, with
 * {@code <}, {@code >}, {@code &} and the JavaScript line separators escaped too, so output is also safe inside
 * an HTML {@code <script>} element; non-finite numbers are written as {@code null}.
 */
final class Json {
    private Json() {
    }

    static StringBuilder string(StringBuilder sb, String s) {
        return dev.tally.JsonStrings.append(sb, s);
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
