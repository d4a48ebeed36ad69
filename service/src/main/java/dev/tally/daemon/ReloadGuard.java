package dev.tally.daemon;

import dev.tally.config.AnalyticsConfig;
import dev.tally.config.CameraConfig;
import dev.tally.config.TallyConfig;
import dev.tally.frame.CameraSlots;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what a reload (SIGHUP, {@code tally reload}) changes while Tally runs. Live, on the portable backend:
 * cameras added, removed and reordered, a camera's stream settings (that camera alone restarts), its name, lines
 * and zones (it keeps streaming; a changed line or zone counts from 0), and {@code analytics.rules}. Everything
 * else that the new config changes is refused by key ({@code pipeline.fps}, {@code model.onnx},
 * {@code redis.password}, ...): those settings are read once when the daemon starts. A reload is all or nothing:
 * when anything is refused, nothing is applied. On the DeepStream backend the camera list is refused as well
 * (docs/reload.md says why).
 */
final class ReloadGuard {
    /** Config keys whose record component name does not spell the key. */
    private static final Map<String, String> KEY_NAMES = Map.of("redis.spool-max-bytes", "redis.spool-max-mib",
            "model.defaults", "model thresholds");

    private ReloadGuard() {
    }

    /**
     * What a reload from {@code running} to {@code next} does.
     *
     * @param refused one line per setting that cannot change live (empty: the reload applies)
     * @param changes one line per change that applies live, in the order it is applied
     * @param slots the cameras' indexes after the reload
     * @param restarted cameras whose stream restarts (removed from the pipeline and added again)
     */
    record Plan(List<String> refused, List<String> changes, CameraSlots slots, Set<String> restarted) {
        boolean applies() {
            return refused.isEmpty();
        }

        boolean camerasChanged() {
            return !changes.isEmpty();
        }
    }

    /** Why {@code next} cannot be applied live to a daemon started with {@code running}; empty if it can. */
    static List<String> blockers(TallyConfig running, TallyConfig next) {
        return plan(running, next, slotsOf(running), false).refused();
    }

    static CameraSlots slotsOf(TallyConfig c) {
        return CameraSlots.of(c.cameras().stream().map(CameraConfig::id).toList());
    }

    /**
     * @param slots the running cameras' indexes
     * @param deepstream whether the DeepStream backend runs (camera changes are refused there)
     */
    static Plan plan(TallyConfig running, TallyConfig next, CameraSlots slots, boolean deepstream) {
        List<String> refused = new ArrayList<>();
        differs(refused, "site", running.site(), next.site());
        differs(refused, "state-dir", running.stateDir(), next.stateDir());
        section(refused, "model", running.model(), next.model());
        section(refused, "tracker", running.tracker(), next.tracker());
        section(refused, "pipeline", running.pipeline(), next.pipeline());
        section(refused, "rtsp", running.rtsp(), next.rtsp());
        section(refused, "redis", running.redis(), next.redis());
        section(refused, "http", running.http(), next.http());
        AnalyticsConfig a = running.analytics();
        AnalyticsConfig b = next.analytics();
        section(refused, "analytics", new AnalyticsConfig(a.presentWindowFrames(), a.minTrackFrames(),
                a.lineHysteresisPx(), a.anchor(), a.zoneMinFrames(), List.of(), a.queueFrames()),
                new AnalyticsConfig(b.presentWindowFrames(), b.minTrackFrames(), b.lineHysteresisPx(), b.anchor(),
                        b.zoneMinFrames(), List.of(), b.queueFrames()));

        List<String> changes = new ArrayList<>();
        Set<String> restarted = new LinkedHashSet<>();
        List<String> before = running.cameras().stream().map(CameraConfig::id).toList();
        List<String> after = next.cameras().stream().map(CameraConfig::id).toList();
        for (String id : before) {
            if (!after.contains(id)) {
                changes.add("camera " + id + " removed");
            }
        }
        for (CameraConfig c : next.cameras()) {
            CameraConfig was = running.camera(c.id());
            if (was == null) {
                changes.add("camera " + c.id() + " added");
            } else if (!was.sameSource(c)) {
                restarted.add(c.id());
                changes.add("camera " + c.id() + " changed: its stream restarts" + countingChange(was, c));
            } else if (!was.equals(c)) {
                changes.add("camera " + c.id() + " changed: " + countingChange(was, c).substring(2)
                        + ", the stream goes on");
            }
        }
        List<String> kept = new ArrayList<>(after);
        kept.retainAll(before);
        List<String> keptBefore = new ArrayList<>(before);
        keptBefore.retainAll(after);
        if (!kept.equals(keptBefore)) {
            changes.add("cameras reordered");
        }
        if (!a.rules().equals(b.rules())) {
            changes.add("analytics.rules changed");
        }
        if (deepstream && !changes.isEmpty()) {
            refused.add("cameras, lines, zones and rules on the DeepStream backend (" + String.join("; ", changes)
                    + ")");
        }
        return new Plan(List.copyOf(refused), List.copyOf(changes), slots.next(after), Set.copyOf(restarted));
    }

    private static String countingChange(CameraConfig was, CameraConfig now) {
        List<String> what = new ArrayList<>();
        if (!Objects.equals(was.name(), now.name())) {
            what.add("name");
        }
        names(what, "line", was.lines().stream().map(l -> l.name()).toList(), now.lines().stream()
                .map(l -> l.name()).toList(), was.lines(), now.lines());
        names(what, "zone", was.zones().stream().map(z -> z.name()).toList(), now.zones().stream()
                .map(z -> z.name()).toList(), was.zones(), now.zones());
        return what.isEmpty() ? "" : ", " + String.join(", ", what);
    }

    private static void names(List<String> out, String kind, List<String> wasNames, List<String> nowNames,
                              List<?> was, List<?> now) {
        for (int i = 0; i < was.size(); i++) {
            int j = nowNames.indexOf(wasNames.get(i));
            if (j < 0) {
                out.add(kind + " " + wasNames.get(i) + " removed");
            } else if (!was.get(i).equals(now.get(j))) {
                out.add(kind + " " + wasNames.get(i) + " changed (counts from 0)");
            }
        }
        Set<String> old = new HashSet<>(wasNames);
        for (String n : nowNames) {
            if (!old.contains(n)) {
                out.add(kind + " " + n + " added");
            }
        }
    }

    private static void differs(List<String> out, String key, Object a, Object b) {
        if (!Objects.deepEquals(a, b)) {
            out.add(key);
        }
    }

    /** One entry per component of two records of the same type that differs, named as its config key. */
    private static void section(List<String> out, String prefix, Record a, Record b) {
        for (RecordComponent rc : a.getClass().getRecordComponents()) {
            try {
                Object x = rc.getAccessor().invoke(a);
                Object y = rc.getAccessor().invoke(b);
                if (!Objects.deepEquals(x, y)) {
                    String key = prefix + "." + kebab(rc.getName());
                    out.add(KEY_NAMES.getOrDefault(key, key));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String kebab(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
