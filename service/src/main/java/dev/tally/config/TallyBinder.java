package dev.tally.config;

import com.typesafe.config.ConfigObject;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Binds the {@code tally} object section by section, in the order the cross checks need: pipeline (frame size)
 * and model (labels) before cameras (lines and zones use both), cameras before analytics (rules name zones).
 * Each section with a missing or mistyped object is skipped; its problems are already recorded.
 */
final class TallyBinder {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final Binder tally;
    private final ConfigObject reference;
    private final Path base;
    private final Path file;

    TallyBinder(Binder tally, ConfigObject reference, Path file) {
        this.tally = tally;
        this.reference = reference;
        this.file = file;
        this.base = file.getParent();
    }

    TallyConfig bind() {
        tally.allowOnly(reference.keySet());
        String site = tally.required("site");
        if (!site.isEmpty() && !NAME.matcher(site).matches()) {
            tally.problem("site", "\"" + site + "\" is not a valid site name (letters, digits, '-' and '_')");
        }
        Path stateDir = tally.path("state-dir", base);
        if (stateDir == null) {
            tally.problem("state-dir", "required");
        } else {
            FileChecks.creatableDir(tally, "state-dir", stateDir);
        }
        PipelineConfig pipeline = Sections.pipeline(section("pipeline"));
        ModelConfig model = new ModelBinder(section("model"), base).bind();
        Binder defaults = section("camera-defaults");
        List<CameraConfig> cameras = new CameraBinder(tally, defaults.object(),
                ((ConfigObject) reference.get("camera-defaults")).keySet(), pipeline, model.labels()).bindAll();
        AnalyticsConfig analytics = Sections.analytics(section("analytics"), model.labels(), cameras);
        TrackerConfig tracker = Sections.tracker(section("tracker"));
        Binder rtspSection = section("rtsp");
        RtspConfig rtsp = Sections.rtsp(rtspSection);
        RedisConfig redis = Sections.redis(section("redis"), base);
        Binder httpSection = section("http");
        HttpConfig http = Sections.http(httpSection);
        String level = section("log").enumOf("level", LogLevel.values()).name().toLowerCase(java.util.Locale.ROOT);
        CrossChecks.outputs(rtspSection, httpSection, rtsp, http, pipeline, cameras);
        return new TallyConfig(site, stateDir, cameras, model, tracker, pipeline, rtsp, redis, http, analytics,
                level, file);
    }

    /**
     * The section's binder, with its keys checked against reference.conf. If the user wrote something that is not
     * an object there (already reported by {@code child}), the section is bound from reference.conf's defaults
     * with a throw-away collector, so binding goes on without follow-on problems.
     */
    private Binder section(String key) {
        Binder b = tally.child(key);
        if (b == null) {
            b = new Binder((ConfigObject) reference.get(key), null, tally.key(key), tally.home(),
                    new Problems("ignored"));
        }
        if (reference.get(key) instanceof ConfigObject ref) {
            b.allowOnly(ref.keySet());
        }
        return b;
    }

    enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE }
}
