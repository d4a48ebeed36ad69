package dev.tally.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders the config {@code tally validate} accepted as HOCON that is itself a valid config: the user's file layered
 * over reference.conf and resolved (every key with the value Tally uses, environment substitutions included), keys
 * sorted, relative paths made absolute. Secrets are masked: every {@code password} and {@code bearer-token} and the
 * password in the user info of every {@code uri}. A printed config validates to the same deployment, with the masked
 * secrets as their values.
 */
public final class ConfigPrinter {
    /** Keys whose relative paths resolve against the config file's directory (see {@link Binder#path}). */
    private static final Set<String> PATHS = Set.of("tally.state-dir", "tally.model.onnx", "tally.model.engine",
            "tally.model.labels-file", "tally.model.calibration-cache");
    private static final Set<String> SECRETS = Set.of("password", "bearer-token");

    private ConfigPrinter() {
    }

    /** The config read from {@code config.source()}, which {@link ConfigLoader#load} accepted. */
    public static String render(TallyConfig config) {
        Path file = config.source().toAbsolutePath().normalize();
        StringBuilder sb = new StringBuilder("tally ");
        value(sb, ConfigLoader.resolvedTally(file), "tally", "tally", file.getParent(), 0);
        return sb.append('\n').toString();
    }

    private static void value(StringBuilder sb, ConfigValue v, String key, String path, Path base, int depth) {
        if (v instanceof ConfigObject o) {
            sb.append("{\n");
            for (String k : new TreeSet<>(o.keySet())) {
                indent(sb, depth + 1).append(ConfigUtil.joinPath(k));
                ConfigValue child = o.get(k);
                sb.append(child instanceof ConfigObject ? " " : " = ");
                value(sb, child, k, path + "." + k, base, depth + 1);
                sb.append('\n');
            }
            indent(sb, depth).append('}');
        } else if (v instanceof ConfigList l) {
            list(sb, l, key, path, base, depth);
        } else if (v.valueType() == ConfigValueType.STRING) {
            sb.append(quote(string((String) v.unwrapped(), key, path, base)));
        } else {
            sb.append(v.render()); // numbers as written, booleans, null
        }
    }

    private static void list(StringBuilder sb, ConfigList l, String key, String path, Path base, int depth) {
        boolean simple = l.stream().noneMatch(i -> i instanceof ConfigObject || i instanceof ConfigList);
        if (simple) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "");
                value(sb, l.get(i), key, path + "[" + i + "]", base, depth);
            }
            sb.append(']');
            return;
        }
        sb.append("[\n");
        for (int i = 0; i < l.size(); i++) {
            indent(sb, depth + 1);
            value(sb, l.get(i), key, path + "[" + i + "]", base, depth + 1);
            sb.append('\n');
        }
        indent(sb, depth).append(']');
    }

    private static String string(String s, String key, String path, Path base) {
        if (SECRETS.contains(key)) {
            return Masking.secret(s);
        }
        if (key.equals("uri")) {
            return Masking.uri(s);
        }
        if (PATHS.contains(path) && !s.isEmpty() && base != null) {
            try {
                Path p = Path.of(s);
                return (p.isAbsolute() ? p : base.resolve(p)).normalize().toString();
            } catch (java.nio.file.InvalidPathException e) {
                return s;
            }
        }
        return s;
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private static StringBuilder indent(StringBuilder sb, int depth) {
        return sb.append("  ".repeat(depth));
    }
}
