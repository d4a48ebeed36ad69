package dev.tally.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds {@code tally.cameras}: each entry merged over {@code camera-defaults}, its id and URI checked, its lines
 * and zones bound by {@link Geometry} against the pipeline frame and the model's labels, ids unique.
 */
final class CameraBinder {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Binder tally;
    private final ConfigObject defaults;
    private final Set<String> allowed;
    private final Geometry geometry;
    private final PipelineConfig.Backend backend;

    CameraBinder(Binder tally, ConfigObject defaults, Set<String> allowed, PipelineConfig pipeline,
                 List<String> labels) {
        this.tally = tally;
        this.defaults = defaults;
        this.allowed = allowed;
        this.geometry = new Geometry(pipeline.width(), pipeline.height(), labels);
        this.backend = pipeline.backend();
    }

    List<CameraConfig> bindAll() {
        List<CameraConfig> out = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        List<ConfigValue> entries = tally.list("cameras");
        if (entries.isEmpty() && tally.object().get("cameras") instanceof com.typesafe.config.ConfigList) {
            tally.problem("cameras", "at least one camera is required");
        }
        for (int i = 0; i < entries.size(); i++) {
            ConfigValue v = entries.get(i);
            String path = tally.key("cameras") + "[" + i + "]";
            if (!(v instanceof ConfigObject entry)) {
                tally.problems().add(v.origin(), path, "expected an object, got " + Binder.describe(v));
                continue;
            }
            new Binder(entry, entry, path, entry.origin(), tally.problems()).allowOnly(allowed);
            Binder c = new Binder(entry.withFallback(defaults), entry, path, entry.origin(), tally.problems());
            CameraConfig cam = bind(c);
            if (cam == null) {
                continue;
            }
            Integer first = ids.putIfAbsent(cam.id(), Problems.line(c.origin("id")));
            if (first != null) {
                c.problem("id", "duplicate camera id \"" + cam.id() + "\" (also at line " + first + ")");
            }
            out.add(cam);
        }
        return out;
    }

    private CameraConfig bind(Binder c) {
        String id = c.required("id");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            c.problem("id", "\"" + id + "\" is not a valid camera id (letters, digits, '-' and '_', at most 32)");
        }
        String name = c.string("name");
        java.net.URI uri = Uris.camera(c, "uri");
        if (uri != null && "sim".equals(uri.getScheme()) && backend == PipelineConfig.Backend.DEEPSTREAM) {
            c.problem("uri", "sim:// cameras run only in the portable backend, and tally.pipeline.backend is deepstream"
                    + " (use rtsp:// or file://, or backend = portable or auto)");
        }
        int latency = c.intIn("latency-ms", 0, 10_000);
        CameraConfig.Transport transport = c.enumOf("transport", CameraConfig.Transport.values());
        boolean loop = c.bool("loop");
        int initial = c.intIn("reconnect-initial-s", 1, 600);
        int max = c.intIn("reconnect-max-s", 1, 3600);
        if (max < initial) {
            c.problem("reconnect-max-s", max + " is less than reconnect-initial-s (" + initial + ")");
        }
        List<LineConfig> lines = geometry.lines(c);
        List<ZoneConfig> zones = geometry.zones(c);
        if (uri == null) {
            return null;
        }
        return new CameraConfig(id, name.isEmpty() ? id : name, uri, latency, transport, loop,
                Duration.ofSeconds(initial), Duration.ofSeconds(max), lines, zones);
    }
}
