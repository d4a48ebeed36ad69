package dev.tally.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a bound {@link TallyConfig} as indented HOCON-like text for {@code tally validate}, with secrets masked:
 * every component named {@code password} or {@code bearerToken} and the user info of every URI. Keys are the records' component names
 * in kebab case.
 */
public final class ConfigPrinter {
    private ConfigPrinter() {
    }

    public static String render(TallyConfig config) {
        StringBuilder sb = new StringBuilder("tally ");
        value(sb, config, 0);
        return sb.append('\n').toString();
    }

    private static void value(StringBuilder sb, Object v, int depth) {
        if (v instanceof Record r) {
            record(sb, r, depth);
        } else if (v instanceof Collection<?> c) {
            list(sb, c.toArray(), depth);
        } else if (v instanceof float[] f) {
            Object[] boxed = new Object[f.length];
            for (int i = 0; i < f.length; i++) {
                boxed[i] = f[i];
            }
            list(sb, boxed, depth);
        } else if (v instanceof Map<?, ?> m) {
            sb.append("{\n");
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                indent(sb, depth + 1).append(e.getKey()).append(' ');
                value(sb, e.getValue(), depth + 1);
                sb.append('\n');
            }
            indent(sb, depth).append('}');
        } else {
            sb.append(scalar(v));
        }
    }

    private static void record(StringBuilder sb, Record r, int depth) {
        sb.append("{\n");
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getName().equals("source")) {
                continue;
            }
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                v = "?";
            }
            if (c.getName().equals("password") || c.getName().equals("bearerToken")) {
                v = Masking.secret((String) v);
            }
            indent(sb, depth + 1).append(kebab(c.getName())).append(v instanceof Record || v instanceof Map ? " " : " = ");
            value(sb, v, depth + 1);
            sb.append('\n');
        }
        indent(sb, depth).append('}');
    }

    private static void list(StringBuilder sb, Object[] items, int depth) {
        boolean simple = Arrays.stream(items).noneMatch(i -> i instanceof Record || i instanceof Map);
        if (simple) {
            sb.append('[');
            for (int i = 0; i < items.length; i++) {
                sb.append(i > 0 ? ", " : "").append(scalar(items[i]));
            }
            sb.append(']');
            return;
        }
        sb.append("[\n");
        for (Object item : items) {
            indent(sb, depth + 1);
            value(sb, item, depth + 1);
            sb.append('\n');
        }
        indent(sb, depth).append(']');
    }

    private static String scalar(Object v) {
        if (v == null) {
            return "\"\"";
        }
        if (v instanceof Enum<?> e) {
            return enumKey(e);
        }
        if (v instanceof Duration d) {
            return Binder.human(d);
        }
        if (v instanceof Float f) {
            return f == Math.rint(f) ? Binder.fmt(f) : f.toString();
        }
        if (v instanceof Double d) {
            return Binder.fmt(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String s = v instanceof URI u ? Masking.uri(u.toString()) : v instanceof Path p ? p.toString() : v.toString();
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The enum's config spelling: its public {@code key} field where it has one, else its kebab-case name. */
    private static String enumKey(Enum<?> e) {
        try {
            return String.valueOf(e.getClass().getField("key").get(e));
        } catch (NoSuchFieldException | IllegalAccessException ex) {
            return Binder.enumKey(e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static StringBuilder indent(StringBuilder sb, int depth) {
        return sb.append("  ".repeat(depth));
    }
}
