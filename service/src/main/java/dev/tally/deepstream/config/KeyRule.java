package dev.tally.deepstream.config;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** What a documented DeepStream config key accepts; {@link #check} returns null or what is wrong. */
@FunctionalInterface
public interface KeyRule {
    String check(String value);

    KeyRule INT = v -> v.matches("-?\\d+") ? null : "expected an integer";
    KeyRule UINT = v -> v.matches("\\d+") ? null : "expected a non-negative integer";
    KeyRule FLOAT = v -> v.matches("-?\\d+(\\.\\d+)?") ? null : "expected a plain decimal number";
    KeyRule BOOL = enumOf("0", "1");
    KeyRule TEXT = v -> v.isEmpty() ? "expected a value" : null;
    KeyRule ABS_PATH = v -> v.startsWith("/") ? null : "expected an absolute path";
    KeyRule URI = v -> v.matches("(rtsp|rtsps|rtspt|file)://.+") ? null : "expected an rtsp:// or file:// URI";
    KeyRule FLOATS = v -> Arrays.stream(v.split(";")).allMatch(s -> s.matches("-?\\d+(\\.\\d+)?"))
            ? null : "expected numbers separated by ';'";
    KeyRule INTS = v -> Arrays.stream(v.split(";")).allMatch(s -> s.matches("-?\\d+"))
            ? null : "expected integers separated by ';'";
    /** Polygon: at least 3 x;y pairs of non-negative integers. */
    KeyRule POLYGON = v -> {
        String[] p = v.split(";");
        return p.length >= 6 && p.length % 2 == 0 && Arrays.stream(p).allMatch(s -> s.matches("\\d+"))
                ? null : "expected at least 3 x;y pairs of non-negative integers";
    };
    /** Line crossing: direction segment then line, 8 non-negative integers. */
    KeyRule LINE = v -> {
        String[] p = v.split(";");
        return p.length == 8 && Arrays.stream(p).allMatch(s -> s.matches("\\d+"))
                ? null : "expected 8 non-negative integers x1;y1;x2;y2;x3;y3;x4;y4";
    };
    /** Engine file named as nvinfer names it. */
    KeyRule ENGINE = v -> v.startsWith("/") && Pattern.matches(".*_b\\d+_(gpu|dla)\\d+_(fp32|fp16|int8)\\.engine", v)
            ? null : "expected an absolute <model>_b<batch>_<gpu<id>|dla<core>>_<fp32|fp16|int8>.engine path";

    static KeyRule enumOf(String... allowed) {
        List<String> ok = List.of(allowed);
        return v -> ok.contains(v) ? null : "expected one of " + ok;
    }

    static KeyRule range(long min, long max) {
        return v -> {
            if (!v.matches("-?\\d+")) {
                return "expected an integer";
            }
            long x = Long.parseLong(v);
            return x >= min && x <= max ? null : "expected " + min + ".." + max;
        };
    }
}
