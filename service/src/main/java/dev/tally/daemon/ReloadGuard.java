package dev.tally.daemon;

import dev.tally.config.CameraConfig;
import dev.tally.config.TallyConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a SIGHUP reload may change while Tally runs. The pipeline can restart single cameras, but the
 * counting side (analytics, count metrics, Redis keys, status page) is laid out per camera index when the
 * daemon starts. So a reload applies changes to a camera's source (URI, name, latency, transport, loop,
 * reconnect delays) live, restarting only that camera, and refuses — in one log line naming what differs —
 * to add, remove or reorder cameras or to change their lines and zones, which would otherwise be counted under
 * the wrong camera. Those take effect at the next restart.
 */
final class ReloadGuard {
    private ReloadGuard() {
    }

    /** Why {@code next} cannot be applied live to a daemon started with {@code running}; empty if it can. */
    static List<String> blockers(TallyConfig running, TallyConfig next) {
        List<String> out = new ArrayList<>();
        List<String> before = running.cameras().stream().map(CameraConfig::id).toList();
        List<String> after = next.cameras().stream().map(CameraConfig::id).toList();
        for (String id : after) {
            if (!before.contains(id)) {
                out.add("camera " + id + " added");
            }
        }
        for (String id : before) {
            if (!after.contains(id)) {
                out.add("camera " + id + " removed");
            }
        }
        if (out.isEmpty() && !before.equals(after)) {
            out.add("cameras reordered");
        }
        if (out.isEmpty()) {
            for (int i = 0; i < before.size(); i++) {
                CameraConfig a = running.cameras().get(i);
                CameraConfig b = next.cameras().get(i);
                if (!a.lines().equals(b.lines()) || !a.zones().equals(b.zones())) {
                    out.add("lines or zones of camera " + a.id() + " changed");
                }
            }
        }
        if (!running.analytics().equals(next.analytics()) || !running.model().labels().equals(next.model().labels())) {
            out.add("analytics settings or labels changed");
        }
        return out;
    }
}
