package dev.tally.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import dev.tally.TallyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a deployment's HOCON file, layers it over {@code reference.conf}, binds it into a {@link TallyConfig} and
 * validates it. Every problem is collected and reported at once: the thrown {@link TallyException} (exit code
 * {@link TallyException#BAD_CONFIG}) holds one line per problem, {@code file:line: key: message}. Relative paths in the
 * file are resolved against the file's directory. Never starts anything; the only side effect is reading the
 * files the config names (model, labels, calibration cache).
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Loads and validates {@code file}. */
    public static TallyConfig load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String name = String.valueOf(abs.getFileName());
        if (!Files.isRegularFile(abs)) {
            throw TallyException.badConfig(file + ": config file not found");
        }
        if (!Files.isReadable(abs)) {
            throw TallyException.badConfig(file + ": config file not readable");
        }
        Problems problems = new Problems(name);
        Config user;
        try {
            user = ConfigFactory.parseFile(abs.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
        } catch (ConfigException e) {
            problems.addRaw(e.origin(), stripOrigin(e));
            problems.throwIfAny();
            throw e;
        }
        return bind(user, abs, problems);
    }

    /**
     * Loads HOCON text as if it had been read from {@code pretendFile} (messages name that file; relative paths
     * resolve against its directory). For tests and tools.
     */
    public static TallyConfig parseString(String hocon, Path pretendFile) {
        Path abs = pretendFile.toAbsolutePath().normalize();
        String name = String.valueOf(abs.getFileName());
        Problems problems = new Problems(name);
        Config user;
        try {
            user = ConfigFactory.parseString(hocon,
                    ConfigParseOptions.defaults().setOriginDescription(name).setSyntax(ConfigSyntax.CONF));
        } catch (ConfigException e) {
            problems.addRaw(e.origin(), stripOrigin(e));
            problems.throwIfAny();
            throw e;
        }
        return bind(user, abs, problems);
    }

    /**
     * The {@code tally} object of a file that {@link #load} accepted, layered over reference.conf and resolved
     * (environment substitutions included), unbound: what {@link ConfigPrinter} prints.
     */
    static ConfigObject resolvedTally(Path file) {
        Config user = ConfigFactory.parseFile(file.toFile(),
                ConfigParseOptions.defaults().setAllowMissing(false).setSyntax(ConfigSyntax.CONF));
        Config reference = ConfigFactory.defaultReference(ConfigLoader.class.getClassLoader());
        return user.withFallback(reference).resolve().getObject("tally");
    }

    private static TallyConfig bind(Config user, Path file, Problems problems) {
        Config merged;
        Config reference = ConfigFactory.defaultReference(ConfigLoader.class.getClassLoader());
        try {
            merged = user.withFallback(reference).resolve();
        } catch (ConfigException e) {
            problems.addRaw(e.origin(), stripOrigin(e));
            problems.throwIfAny();
            throw e;
        }
        ConfigObject userRoot = user.root();
        for (String k : userRoot.keySet()) {
            if (!k.equals("tally")) {
                problems.add(userRoot.get(k).origin(), k, "unknown key" + UnknownKeys.suggestion(k, List.of("tally")));
            }
        }
        ConfigValue userTally = userRoot.get("tally");
        if (userTally != null && !(userTally instanceof ConfigObject)) {
            problems.add(userTally.origin(), "tally", "expected an object, got " + Binder.describe(userTally));
            problems.throwIfAny();
        }
        Binder tally = new Binder(merged.getObject("tally"), userTally instanceof ConfigObject o ? o : null, "tally",
                userTally != null ? userTally.origin() : userRoot.origin(), problems);
        TallyConfig config = new TallyBinder(tally, reference.getObject("tally"), file).bind();
        problems.throwIfAny();
        return config;
    }

    private static String stripOrigin(ConfigException e) {
        String m = String.valueOf(e.getMessage());
        if (e.origin() != null) {
            String d = e.origin().description() + ": ";
            if (m.startsWith(d)) {
                m = m.substring(d.length());
            }
        }
        m = m.replace('\n', ' ');
        boolean syntax = e instanceof ConfigException.Parse && !(e instanceof ConfigException.UnresolvedSubstitution);
        return syntax ? "syntax error: " + m : m;
    }
}
