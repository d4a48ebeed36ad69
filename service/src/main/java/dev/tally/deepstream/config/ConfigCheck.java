package dev.tally.deepstream.config;

import dev.tally.deepstream.DsVersion;
import dev.tally.deepstream.config.DocumentedKeys.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a generated DeepStream file key by key against {@link DocumentedKeys}: every section and key must be
 * documented, every value must fit its rule, required keys must be present. Returns every problem found, each
 * one line naming the section and key.
 */
public final class ConfigCheck {
    private ConfigCheck() {
    }

    public static List<String> check(DocumentedKeys.Kind kind, String text, DsVersion version) {
        Ini ini = kind == DocumentedKeys.Kind.TRACKER ? parseYaml(text) : Ini.parse(text);
        Map<String, Section> table = DocumentedKeys.of(kind, version);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> sec : ini.sections().entrySet()) {
            String name = sec.getKey();
            Section schema = find(table, name);
            if (schema == null) {
                problems.add("[" + name + "]: undocumented section");
                continue;
            }
            for (Map.Entry<String, String> kv : sec.getValue().entrySet()) {
                KeyRule rule = find(schema.keys(), kv.getKey());
                String why = rule == null ? "undocumented key" : kv.getValue() == null ? "no value"
                        : rule.check(kv.getValue());
                if (why != null) {
                    problems.add("[" + name + "] " + kv.getKey() + "=" + kv.getValue() + ": " + why);
                }
            }
            for (String req : schema.required()) {
                if (!sec.getValue().containsKey(req)) {
                    problems.add("[" + name + "] " + req + ": required key missing");
                }
            }
        }
        return problems;
    }

    private static <T> T find(Map<String, T> byPattern, String name) {
        for (Map.Entry<String, T> e : byPattern.entrySet()) {
            if (name.matches(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The two-level YAML the tracker uses ({@code Section:} then indented {@code key: value}). */
    static Ini parseYaml(String text) {
        Ini ini = new Ini();
        String section = "";
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("%YAML")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (!line.startsWith(" ")) {
                section = line.substring(0, colon < 0 ? line.length() : colon).strip();
                ini.section(section);
            } else if (colon > 0) {
                ini.section(section).put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return ini;
    }
}
