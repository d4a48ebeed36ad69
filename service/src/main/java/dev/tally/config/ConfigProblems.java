package dev.tally.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;

/**
 * Problems of an accepted config found by checks that need more than the file (the model loaded by the detector,
 * ports being free), reported like the loader's own: one line {@code file:line: key: message} each, exit code 2
 * from {@link #throwIfAny()}. The line is that of the key in the user's file, or of the nearest enclosing object
 * there when the value is a default.
 */
public final class ConfigProblems {
    private final Problems problems;
    private final ConfigObject user;

    public ConfigProblems(TallyConfig config) {
        Path file = config.source() == null ? Path.of("tally.conf") : config.source().toAbsolutePath().normalize();
        problems = new Problems(String.valueOf(file.getFileName()));
        ConfigObject parsed = null;
        try {
            parsed = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF)).root();
        } catch (ConfigException e) {
            // built in code or gone since: problems name the file without a line
        }
        user = parsed;
    }

    /** @param key the full key, e.g. {@code tally.model.onnx} or {@code tally.cameras[1].uri} */
    public void add(String key, String message) {
        problems.add(origin(key), key, message.replace('\n', ' '));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> lines() {
        return problems.lines();
    }

    public void throwIfAny() {
        problems.throwIfAny();
    }

    /** True when the user's file sets this key itself (not only reference.conf). */
    public boolean inFile(String key) {
        return find(key, true) != null;
    }

    private ConfigOrigin origin(String key) {
        ConfigValue at = find(key, false);
        return at == null ? null : at.origin();
    }

    /** The value at key in the user's file; else (unless exact) the nearest enclosing value there; else null. */
    private ConfigValue find(String key, boolean exact) {
        if (user == null) {
            return null;
        }
        ConfigValue at = user;
        for (String part : key.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            ConfigValue next = at instanceof ConfigObject o ? o.get(name) : null;
            if (next != null && bracket >= 0 && next instanceof ConfigList l) {
                int i = Integer.parseInt(part.substring(bracket + 1, part.indexOf(']')));
                next = i < l.size() ? l.get(i) : null;
            }
            if (next == null) {
                return exact || at == user ? null : at;
            }
            at = next;
        }
        return at;
    }
}
