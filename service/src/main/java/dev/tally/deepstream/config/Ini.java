package dev.tally.deepstream.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An INI document as DeepStream reads it (GKeyFile syntax: {@code [section]} then {@code key=value}), built in
 * order so the output is byte-for-byte reproducible. Also parses such text back for validation.
 */
public final class Ini {
    private final List<String> header = new ArrayList<>();
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    /** A comment line written at the top of the file. */
    public Ini comment(String line) {
        header.add(line);
        return this;
    }

    /** The section named {@code name}, created (at the end) if absent. */
    public Map<String, String> section(String name) {
        return sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }

    public Ini put(String section, String key, Object value) {
        section(section).put(key, format(value));
        return this;
    }

    public Map<String, Map<String, String>> sections() {
        return sections;
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String h : header) {
            sb.append("# ").append(h).append('\n');
        }
        for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append('[').append(s.getKey()).append("]\n");
            s.getValue().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        }
        return sb.toString();
    }

    /** Parses INI text (comments '#' and ';' skipped); keys before any section go to section "". */
    public static Ini parse(String text) {
        Ini ini = new Ini();
        String current = "";
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1);
                ini.section(current);
            } else {
                int eq = line.indexOf('=');
                String key = eq < 0 ? line : line.substring(0, eq).strip();
                ini.section(current).put(key, eq < 0 ? null : line.substring(eq + 1).strip());
            }
        }
        return ini;
    }

    /** Numbers without exponent or trailing zeros (0.4, 33333, 0.0039215697906911373); booleans as 1/0. */
    public static String format(Object v) {
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof Float f) {
            return plain(new BigDecimal(Float.toString(f)));
        }
        if (v instanceof Double d) {
            return plain(new BigDecimal(Double.toString(d)));
        }
        return String.valueOf(v);
    }

    private static String plain(BigDecimal d) {
        String s = d.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** Joins numbers with ';' as DeepStream lists are written. */
    public static String list(float... values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ";").append(format(values[i]));
        }
        return sb.toString();
    }
}
