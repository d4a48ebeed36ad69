package dev.tally.deepstream.config;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.DsVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every DeepStream file Tally's pipeline needs, generated from one config: the primary nvinfer config and its
 * labels, the tracker YAML, the nvdsanalytics config (when lines or zones exist) and a deepstream-app config.
 * Files refer to each other by absolute paths under {@code dir}, the directory they are written to
 * ({@code <state-dir>/deepstream} for {@code tally run}, {@code -o DIR} for {@code tally generate-configs}).
 */
public final class DeepStreamFiles {
    public static final String NVINFER = "nvinfer-primary.txt";
    public static final String LABELS = "labels-primary.txt";
    public static final String TRACKER = "tracker.yml";
    public static final String ANALYTICS = "nvdsanalytics.txt";
    public static final String APP = "deepstream-app.txt";

    private DeepStreamFiles() {
    }

    /** The directory {@code tally run} generates into. */
    public static Path runDir(TallyConfig cfg) {
        return cfg.stateDir().toAbsolutePath().normalize().resolve("deepstream");
    }

    /** File name to content for DeepStream {@code version}, in a fixed order. {@code dir} must be absolute. */
    public static Map<String, String> generate(TallyConfig cfg, Path dir, DsVersion version) {
        Map<String, String> files = new LinkedHashMap<>();
        int batch = cfg.model().effectiveBatchSize(cfg.cameras().size());
        files.put(NVINFER, NvinferConfig.of(cfg, cfg.model(), Gie.PRIMARY, batch, dir.resolve(LABELS), version)
                .text());
        files.put(LABELS, labels(cfg.model()));
        files.put(TRACKER, TrackerYaml.of(cfg.tracker()));
        if (AnalyticsIni.needed(cfg)) {
            files.put(ANALYTICS, AnalyticsIni.of(cfg).text());
        }
        files.put(APP, AppConfig.of(cfg, dir, version).text());
        return files;
    }

    /**
     * nvinfer's label file, in output order: a detector's labels one per line; a classifier's on one line separated
     * by ';' (nvinfer reads one line per classifier output layer).
     */
    public static String labels(ModelConfig model) {
        return String.join(model.type() == ModelConfig.ModelType.CLASSIFIER ? ";" : "\n", model.labels()) + "\n";
    }

    /** Writes {@link #generate} into {@code dir} (created) and returns what was written. */
    public static Map<String, String> write(TallyConfig cfg, Path dir, DsVersion version) {
        Path abs = dir.toAbsolutePath().normalize();
        Map<String, String> files = generate(cfg, abs, version);
        try {
            Files.createDirectories(abs);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(abs.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw TallyException.failure("cannot write DeepStream configs to " + abs + ": " + e.getMessage(), e);
        }
        return files;
    }
}
