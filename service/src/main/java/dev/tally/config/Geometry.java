package dev.tally.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds a camera's counting lines and zones and checks them against the pipeline frame (every point inside
 * width x height), their shape (a line has length, a zone at least 3 points) and the model's labels.
 */
final class Geometry {
    private static final List<String> LINE_KEYS = List.of("name", "from", "to", "classes");
    private static final List<String> ZONE_KEYS = List.of("name", "polygon", "classes");

    private final int width;
    private final int height;
    private final List<String> labels;

    Geometry(int width, int height, List<String> labels) {
        this.width = width;
        this.height = height;
        this.labels = labels;
    }

    List<LineConfig> lines(Binder camera) {
        List<LineConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Binder l : Entries.of(camera, "lines", LINE_KEYS)) {
            String name = uniqueName(l, names, "line");
            float[] from = point(l, "from", l.object().get("from"));
            float[] to = point(l, "to", l.object().get("to"));
            List<String> classes = classes(l);
            if (from == null || to == null) {
                continue;
            }
            if (from[0] == to[0] && from[1] == to[1]) {
                l.problem("to", "line has zero length (from and to are both " + pt(from) + ")");
            }
            out.add(new LineConfig(name, from[0], from[1], to[0], to[1], classes));
        }
        return out;
    }

    List<ZoneConfig> zones(Binder camera) {
        List<ZoneConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Binder z : Entries.of(camera, "zones", ZONE_KEYS)) {
            String name = uniqueName(z, names, "zone");
            List<ConfigValue> pts = z.list("polygon");
            List<String> classes = classes(z);
            if (pts.size() < 3) {
                z.problem("polygon", "a zone needs at least 3 points, got " + pts.size());
                continue;
            }
            float[] xs = new float[pts.size()];
            float[] ys = new float[pts.size()];
            boolean ok = true;
            for (int i = 0; i < pts.size(); i++) {
                float[] p = point(z, "polygon[" + i + "]", pts.get(i));
                if (p == null) {
                    ok = false;
                } else {
                    xs[i] = p[0];
                    ys[i] = p[1];
                }
            }
            if (ok) {
                out.add(new ZoneConfig(name, xs, ys, classes));
            }
        }
        return out;
    }

    private static String uniqueName(Binder b, Set<String> names, String what) {
        String name = b.required("name");
        if (!name.isEmpty() && !names.add(name)) {
            b.problem("name", "duplicate " + what + " name \"" + name + "\" in this camera");
        }
        return name;
    }

    private List<String> classes(Binder b) {
        List<String> classes = b.strings("classes");
        for (String c : classes) {
            if (!labels.contains(c)) {
                b.problem("classes", CrossChecks.unknownClass(c, labels));
            }
        }
        return classes;
    }

    /** An [x, y] pair inside the frame, or null after recording the problem under key. */
    private float[] point(Binder b, String key, ConfigValue v) {
        String path = b.key(key);
        if (v == null) {
            b.problem(key, "required");
            return null;
        }
        if (!(v instanceof ConfigList list) || list.size() != 2
                || !(list.get(0).unwrapped() instanceof Number x) || !(list.get(1).unwrapped() instanceof Number y)) {
            b.problems().add(v.origin(), path, "expected a point [x, y], got " + render(v));
            return null;
        }
        float[] p = {x.floatValue(), y.floatValue()};
        if (p[0] < 0 || p[1] < 0 || p[0] > width || p[1] > height) {
            b.problems().add(v.origin(), path, "point " + pt(p) + " is outside the " + width + "x" + height
                    + " frame (tally.pipeline.width x height)");
            return null;
        }
        return p;
    }

    private static String render(ConfigValue v) {
        return v instanceof ConfigList ? v.render(com.typesafe.config.ConfigRenderOptions.concise()) : Binder.describe(v);
    }

    private static String pt(float[] p) {
        return "[" + Binder.fmt(p[0]) + ", " + Binder.fmt(p[1]) + "]";
    }
}
