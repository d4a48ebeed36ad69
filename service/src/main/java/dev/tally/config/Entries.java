package dev.tally.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The entries of a list of objects (cameras, lines, zones, rules, users), each as a Binder named key[i]. */
final class Entries {
    private Entries() {
    }

    /**
     * One Binder per entry of the list under {@code key}; entries that are not objects are reported and skipped.
     * Each entry's keys are checked against {@code allowed}.
     */
    static List<Binder> of(Binder parent, String key, Collection<String> allowed) {
        List<Binder> out = new ArrayList<>();
        List<ConfigValue> list = parent.list(key);
        for (int i = 0; i < list.size(); i++) {
            ConfigValue v = list.get(i);
            String path = parent.key(key) + "[" + i + "]";
            if (!(v instanceof ConfigObject o)) {
                parent.problems().add(v.origin(), path, "expected an object, got " + Binder.describe(v));
                continue;
            }
            Binder b = new Binder(o, o, path, o.origin(), parent.problems());
            b.allowOnly(allowed);
            out.add(b);
        }
        return out;
    }
}
