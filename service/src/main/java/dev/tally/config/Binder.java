package dev.tally.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Typed getters over one config object (a section, a camera entry, a line...). A getter never throws: a value of
 * the wrong type or out of range is recorded in {@link Problems} with its origin and a harmless stand-in is
 * returned, so binding goes on and every problem is reported at once.
 *
 * <p>Two views of the same position are kept: {@code obj}, the resolved object merged over reference.conf, and
 * {@code user}, the same object as written in the user's file (or null), whose origins carry line numbers.
 */
final class Binder {
    private final ConfigObject obj;
    private final ConfigObject user;
    private final String path;
    private final ConfigOrigin home;
    private final Problems problems;

    Binder(ConfigObject obj, ConfigObject user, String path, ConfigOrigin home, Problems problems) {
        this.obj = obj;
        this.user = user;
        this.path = path;
        this.home = home;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String key(String key) {
        return path + "." + key;
    }

    ConfigOrigin home() {
        return home;
    }

    Problems problems() {
        return problems;
    }

    ConfigObject object() {
        return obj;
    }

    /** Where a key was written: the user's line, else the environment, else this object's own line. */
    ConfigOrigin origin(String key) {
        ConfigValue u = user == null ? null : user.get(key);
        if (u != null && u.origin().lineNumber() > 0) {
            return u.origin();
        }
        ConfigValue v = obj.get(key);
        if (v != null && v.origin().resource() == null
                && (v.origin().lineNumber() > 0 || v.origin().description().startsWith("env var"))) {
            return v.origin();
        }
        return home;
    }

    void problem(String key, String message) {
        problems.add(origin(key), key(key), message);
    }

    boolean has(String key) {
        ConfigValue v = obj.get(key);
        return v != null && v.valueType() != ConfigValueType.NULL;
    }

    /** Reports every key of this object that is not in {@code allowed}, with a "did you mean". */
    void allowOnly(Collection<String> allowed) {
        for (String k : obj.keySet()) {
            if (!allowed.contains(k)) {
                problem(k, "unknown key" + UnknownKeys.suggestion(k, allowed));
            }
        }
    }

    // ---- scalars -------------------------------------------------------------------------------------------

    String string(String key) {
        ConfigValue v = obj.get(key);
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            return "";
        }
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
            problem(key, "expected a string, got " + describe(v));
            return "";
        }
        return String.valueOf(v.unwrapped());
    }

    /** A string that must not be empty. */
    String required(String key) {
        String s = string(key);
        if (s.isEmpty() && isStringish(key)) {
            problem(key, "required");
        }
        return s;
    }

    boolean bool(String key) {
        ConfigValue v = obj.get(key);
        if (v != null && v.valueType() == ConfigValueType.BOOLEAN) {
            return (Boolean) v.unwrapped();
        }
        if (v != null && v.valueType() == ConfigValueType.STRING) {
            switch (((String) v.unwrapped()).toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> { return true; }
                case "false", "no", "off" -> { return false; }
                default -> { }
            }
        }
        problem(key, "expected true or false, got " + describe(v));
        return false;
    }

    long longIn(String key, long min, long max) {
        Double d = number(obj.get(key), key, "an integer");
        if (d == null) {
            return min;
        }
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            problem(key, "expected an integer, got " + describe(obj.get(key)));
            return min;
        }
        long n = d.longValue();
        if (n < min || n > max) {
            problem(key, n + " is out of range " + min + ".." + max);
            return min;
        }
        return n;
    }

    int intIn(String key, int min, int max) {
        return (int) longIn(key, min, max);
    }

    double doubleIn(String key, double min, double max) {
        Double d = number(obj.get(key), key, "a number");
        if (d == null) {
            return min;
        }
        if (d < min || d > max || d.isNaN()) {
            problem(key, fmt(d) + " is out of range " + fmt(min) + ".." + fmt(max));
            return min;
        }
        return d;
    }

    float floatIn(String key, double min, double max) {
        return (float) doubleIn(key, min, max);
    }

    Duration duration(String key, Duration min, Duration max) {
        ConfigValue v = obj.get(key);
        Duration d;
        try {
            d = obj.toConfig().getDuration(ConfigUtil.joinPath(key));
        } catch (ConfigException e) {
            problem(key, "expected a duration such as 500ms, 2s or 1m, got " + describe(v));
            return min;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(key, v.unwrapped() + " is out of range " + human(min) + ".." + human(max));
            return min;
        }
        return d;
    }

    /** An enum value written as its lower-case key (e.g. "per-camera" for PER_CAMERA). */
    <E extends Enum<E>> E enumOf(String key, E[] values, Function<E, String> name) {
        String s = string(key);
        List<String> names = new ArrayList<>();
        for (E e : values) {
            if (name.apply(e).equals(s)) {
                return e;
            }
            names.add(name.apply(e));
        }
        problem(key, "\"" + s + "\" is not one of " + String.join(", ", names));
        return values[0];
    }

    <E extends Enum<E>> E enumOf(String key, E[] values) {
        return enumOf(key, values, Binder::enumKey);
    }

    static String enumKey(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A path; empty means "not set" (null); relative paths are resolved against {@code base}. */
    Path path(String key, Path base) {
        String s = string(key);
        if (s.isEmpty()) {
            return null;
        }
        try {
            Path p = Path.of(s);
            return p.isAbsolute() || base == null ? p.normalize() : base.resolve(p).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problem(key, "invalid path \"" + s + "\"");
            return null;
        }
    }

    // ---- lists and objects ---------------------------------------------------------------------------------

    /** The list under key, or an empty list (with a problem if it is not a list). */
    List<ConfigValue> list(String key) {
        ConfigValue v = obj.get(key);
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            return List.of();
        }
        if (v.valueType() != ConfigValueType.LIST) {
            problem(key, "expected a list, got " + describe(v));
            return List.of();
        }
        return List.copyOf((com.typesafe.config.ConfigList) v);
    }

    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        List<ConfigValue> l = list(key);
        for (int i = 0; i < l.size(); i++) {
            ConfigValue v = l.get(i);
            if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST
                    || v.valueType() == ConfigValueType.NULL) {
                problems.add(v.origin(), key(key) + "[" + i + "]", "expected a string, got " + describe(v));
            } else {
                out.add(String.valueOf(v.unwrapped()));
            }
        }
        return out;
    }

    /** The object under key as a Binder, or null (with a problem if the value is not an object). */
    Binder child(String key) {
        ConfigValue v = obj.get(key);
        if (v == null || v.valueType() != ConfigValueType.OBJECT) {
            problem(key, "expected an object, got " + describe(v));
            return null;
        }
        ConfigValue u = user == null ? null : user.get(key);
        ConfigObject uo = u instanceof ConfigObject o ? o : null;
        ConfigOrigin h = uo != null && uo.origin().lineNumber() > 0 ? uo.origin() : home;
        return new Binder((ConfigObject) v, uo, key(key), h, problems);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private boolean isStringish(String key) {
        ConfigValue v = obj.get(key);
        return v == null || (v.valueType() != ConfigValueType.OBJECT && v.valueType() != ConfigValueType.LIST);
    }

    private Double number(ConfigValue v, String key, String what) {
        if (v != null && v.valueType() == ConfigValueType.NUMBER) {
            return ((Number) v.unwrapped()).doubleValue();
        }
        if (v != null && v.valueType() == ConfigValueType.STRING) {
            try {
                return Double.valueOf(((String) v.unwrapped()).trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        problem(key, "expected " + what + ", got " + describe(v));
        return null;
    }

    /** How a value appears in messages: strings quoted, lists and objects by kind. */
    static String describe(ConfigValue v) {
        if (v == null || v.valueType() == ConfigValueType.NULL) {
            return "nothing";
        }
        return switch (v.valueType()) {
            case STRING -> "\"" + v.unwrapped() + "\"";
            case LIST -> "a list";
            case OBJECT -> "an object";
            default -> String.valueOf(v.unwrapped());
        };
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static String human(Duration d) {
        if (d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
