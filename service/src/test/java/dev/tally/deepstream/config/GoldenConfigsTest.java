package dev.tally.deepstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.testing.TestSupport;
import dev.tally.config.ConfigLoader;
import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.PipelineConfig;
import dev.tally.config.TallyConfig;
import dev.tally.config.TrackerConfig.TrackerType;
import dev.tally.deepstream.DsVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regenerates every example in deepstream-configs/ and fails on any difference (or on a stale extra file).
 * Rewrite them after an intended change with {@code mvn -o test -Dtest=GoldenConfigsTest -Dtally.updateGolden=true}.
 */
class GoldenConfigsTest {
    static final Path RUN_DIR = Path.of("/var/lib/tally/deepstream");
    /** The checked-in examples are for DeepStream 7.1 (Jetson Orin, JetPack 6). */
    static final DsVersion DS = DsVersion.parse("7.1");

    /** Relative path under deepstream-configs/ to content. */
    static Map<String, String> expected() {
        Map<String, String> out = new TreeMap<>();
        TallyConfig wh = Warehouse.config();
        DeepStreamFiles.generate(wh, RUN_DIR, DS).forEach((name, text) -> out.put("warehouse-4cam/" + name, text));
        for (ModelType type : ModelType.values()) {
            TallyConfig cfg = Warehouse.config(Warehouse.model(type), TrackerType.NVDCF_PERF,
                    PipelineConfig.OutputMode.PER_CAMERA);
            Path labels = RUN_DIR.resolve("labels-" + type.key + ".txt");
            out.put("nvinfer/" + type.key + ".txt", NvinferConfig.of(cfg, cfg.model(), Gie.PRIMARY,
                    cfg.model().effectiveBatchSize(4), labels, DS).text());
        }
        TallyConfig cls = Warehouse.config(Warehouse.model(ModelType.CLASSIFIER), TrackerType.NVDCF_PERF,
                PipelineConfig.OutputMode.PER_CAMERA);
        out.put("nvinfer/labels-classifier.txt", DeepStreamFiles.labels(cls.model()));
        out.put("nvinfer/classifier-secondary.txt", NvinferConfig.of(cls, cls.model(), Gie.secondary(2, 1, List.of(2)),
                16, RUN_DIR.resolve("labels-classifier.txt"), DS).text());
        for (TrackerType t : List.of(TrackerType.IOU, TrackerType.NVSORT, TrackerType.NVDCF_PERF,
                TrackerType.NVDCF_ACCURACY)) {
            TallyConfig cfg = Warehouse.config(Warehouse.model(ModelType.DETECTNET_V2), t,
                    PipelineConfig.OutputMode.PER_CAMERA);
            out.put("tracker/" + TrackerYaml.profile(t) + ".yml", TrackerYaml.of(cfg.tracker()));
        }
        TallyConfig tiled = Warehouse.config(Warehouse.model(ModelType.DETECTNET_V2), TrackerType.NVDCF_PERF,
                PipelineConfig.OutputMode.TILED);
        out.put("deepstream-app-tiled.txt", AppConfig.of(tiled, RUN_DIR, DS).text());
        return out;
    }

    static Path goldenDir() {
        return TestSupport.repoRoot().resolve("deepstream-configs");
    }

    @Test
    void checkedInExamplesAreReproducedExactly() throws IOException {
        Map<String, String> expected = expected();
        Path dir = goldenDir();
        if (Boolean.getBoolean("tally.updateGolden")) {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Path f = dir.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            }
        }
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path f = dir.resolve(e.getKey());
            if (!Files.exists(f)) {
                differences.add(e.getKey() + ": missing");
            } else if (!Files.readString(f).equals(e.getValue())) {
                differences.add(e.getKey() + ": differs");
            }
        }
        for (String sub : List.of("warehouse-4cam", "nvinfer", "tracker")) {
            try (Stream<Path> files = Files.list(dir.resolve(sub))) {
                files.map(p -> sub + "/" + p.getFileName()).filter(p -> !expected.containsKey(p))
                        .forEach(p -> differences.add(p + ": not generated any more"));
            }
        }
        assertThat(differences).as("rerun with -Dtally.updateGolden=true after an intended change").isEmpty();
    }

    /** The checked-in source config, loaded by Tally's own loader, produces the warehouse-4cam/ files exactly. */
    @Test
    void theWarehouseHoconProducesTheWarehouseExamples(@TempDir Path tmp) throws IOException {
        String onnx = "/opt/tally/models/detectnet_v2.onnx";
        Path stand = Files.writeString(tmp.resolve("detectnet_v2.onnx"), "x"); // the loader checks the file exists
        String text = Files.readString(goldenDir().resolve("warehouse-4cam.conf")).replace(onnx, stand.toString());
        TallyConfig loaded = ConfigLoader.parseString(text, goldenDir().resolve("warehouse-4cam.conf"));
        ModelConfig m = loaded.model();
        ModelConfig model = new ModelConfig(m.type(), Path.of(onnx), m.engine(), m.labels(), m.inputChannels(),
                m.inputHeight(), m.inputWidth(), m.colorFormat(), m.netScaleFactor(), m.offsets(),
                m.maintainAspectRatio(), m.precision(), m.calibrationCache(), m.batchSize(), m.stride(), m.bboxNorm(),
                m.bboxOffset(), m.cluster(), m.defaults(), m.classThresholds(), m.dbscanEps(), m.dbscanMinBoxes(),
                m.dbscanMinScore(), m.interval(), m.workspaceMib(), m.dlaCore(), m.cpuThreads());
        TallyConfig cfg = new TallyConfig(loaded.site(), loaded.stateDir(), loaded.cameras(), model, loaded.tracker(),
                loaded.pipeline(), loaded.rtsp(), loaded.redis(), loaded.http(), loaded.analytics(), loaded.logLevel(),
                loaded.source());
        assertThat(cfg.cameras()).isEqualTo(Warehouse.config().cameras());
        Map<String, String> expected = expected();
        DeepStreamFiles.generate(cfg, RUN_DIR, DS).forEach((name, content) ->
                assertThat(content).as(name).isEqualTo(expected.get("warehouse-4cam/" + name)));
    }

    @Test
    void everyExampleUsesOnlyDocumentedKeysAndValues() {
        for (Map.Entry<String, String> e : expected().entrySet()) {
            String name = e.getKey();
            DocumentedKeys.Kind kind = name.contains("labels-") ? null
                    : name.endsWith(".yml") ? DocumentedKeys.Kind.TRACKER
                    : name.contains("nvinfer") ? DocumentedKeys.Kind.NVINFER
                    : name.contains("nvdsanalytics") ? DocumentedKeys.Kind.ANALYTICS
                    : name.contains("deepstream-app") ? DocumentedKeys.Kind.APP : null;
            if (kind != null) {
                assertThat(ConfigCheck.check(kind, e.getValue(), DS)).as(name).isEmpty();
            }
        }
    }
}
