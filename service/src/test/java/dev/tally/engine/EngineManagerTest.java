package dev.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.ModelConfig.Precision;
import dev.tally.config.TallyConfig;
import dev.tally.testing.SlowTrtexec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EngineManager's reuse/rebuild decisions and fallbacks, with the bindings probe injected as unavailable (as on
 * this machine) and a stand-in trtexec script that really runs as a process: it logs its arguments and writes
 * them as the "engine".
 */
class EngineManagerTest {
    private static final TensorRtAvailability NO_BINDINGS =
            TensorRtAvailability.unavailable("", "TensorRT Java bindings did not load (no jnitensorrt)");

    @TempDir
    Path dir;
    Path onnx;
    Path trtexec;
    Path calls;

    @BeforeEach
    void setUp() throws Exception {
        onnx = Files.write(dir.resolve("yolo.onnx"), OnnxFiles.model(new String[] {"Input"}, new long[][] {{-1, 3, 544, 960}}));
        calls = dir.resolve("calls.log");
        trtexec = dir.resolve("trtexec");
        Files.writeString(trtexec, """
                #!/bin/sh
                echo "&&&& RUNNING TensorRT.trtexec [TensorRT v100300] # trtexec $*"
                [ "$1" = "--help" ] && exit 0
                echo "$*" >> %s
                for a in "$@"; do case "$a" in --saveEngine=*) printf 'plan %%s' "$*" > "${a#--saveEngine=}";; esac; done
                exit 0
                """.formatted(calls));
        trtexec.toFile().setExecutable(true);
    }

    private EngineManager manager(Path trtexecPath) {
        return new EngineManager(() -> NO_BINDINGS, () -> trtexecPath, EngineManager::toolchain);
    }

    private TallyConfig config(int batch, Precision p) {
        ModelConfig m = TestConfigs.model(ModelType.YOLOV4, onnx, p, batch, 960, 544, Map.of());
        return TestConfigs.config(dir.resolve("state"), m, 1);
    }

    @Test
    void buildsWithTrtexecThenReusesThenRebuildsWhenStale() throws Exception {
        EngineManager.Result r = manager(trtexec).ensureEngine(config(2, Precision.FP16));
        Path engine = dir.resolve("state/engines/yolo.onnx_b2_gpu0_fp16.engine");
        assertThat(r.path()).isEqualTo(BuildPath.TRTEXEC);
        assertThat(r.built()).isTrue();
        assertThat(r.engine()).isEqualTo(engine);
        assertThat(Files.readString(engine)).contains("--fp16", "--optShapes=Input:2x3x544x960");
        EngineKey key = EngineKey.read(EngineNaming.keyFile(engine));
        assertThat(key.tensorRtVersion()).isEqualTo("10.3.0");
        assertThat(key.batch()).isEqualTo(2);
        assertThat(key.modelSha256()).isEqualTo(EngineKey.sha256(onnx));
        try (var files = Files.list(engine.getParent())) { // no temporary files left behind
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(engine.getFileName().toString(), engine.getFileName() + ".key.properties");
        }

        EngineManager.Result again = manager(trtexec).ensureEngine(config(2, Precision.FP16));
        assertThat(again.built()).isFalse();
        assertThat(again.message()).contains("up to date");
        assertThat(Files.readAllLines(calls)).hasSize(1);

        Files.write(onnx, new byte[] {0x28, 0x05}, java.nio.file.StandardOpenOption.APPEND); // model_version 5: the model changed
        EngineManager.Result stale = manager(trtexec).ensureEngine(config(2, Precision.FP16));
        assertThat(stale.built()).isTrue();
        assertThat(stale.message()).contains("stale (model sha256");
        assertThat(Files.readAllLines(calls)).hasSize(2);

        assertThat(manager(trtexec).ensureEngine(config(2, Precision.FP16), true).built()).isTrue();
        assertThat(Files.readAllLines(calls)).hasSize(3);
    }

    @Test
    void engineWithoutKeyIsStale() throws Exception {
        Path engine = dir.resolve("state/engines/yolo.onnx_b1_gpu0_fp16.engine");
        Files.createDirectories(engine.getParent());
        Files.writeString(engine, "old");
        EngineManager.Result r = manager(trtexec).ensureEngine(config(1, Precision.FP16));
        assertThat(r.built()).isTrue();
        assertThat(r.message()).contains("no cache key");
        assertThat(Files.readString(engine)).startsWith("plan ");
    }

    @Test
    void withoutBindingsOrTrtexecNvinferBuildsAndTheOperatorIsTold() {
        EngineManager.Result r = manager(null).ensureEngine(config(1, Precision.FP16));
        assertThat(r.path()).isEqualTo(BuildPath.NVINFER);
        assertThat(r.ready()).isFalse();
        assertThat(r.built()).isFalse();
        assertThat(r.engine()).isEqualTo(dir.resolve("state/engines/yolo.onnx_b1_gpu0_fp16.engine"));
        assertThat(r.message()).isEqualTo("TensorRT Java bindings did not load (no jnitensorrt) and trtexec was not "
                + "found on PATH; nvinfer will build the engine on first start from onnx-file (this takes minutes); "
                + "expected engine: " + dir.resolve("state/engines/yolo.onnx_b1_gpu0_fp16.engine"));
    }

    @Test
    void javacppBuilderWithoutResourcesFallsThroughToTrtexec() {
        EngineToolchain failing = new EngineToolchain() {
            @Override
            public BuildPath path() {
                return BuildPath.JAVACPP;
            }

            @Override
            public Platform platform() {
                return new Platform("NVIDIA H100 80GB HBM3", "10.6.0");
            }

            @Override
            public void build(EngineSpec spec, Path output) {
                throw new EngineException(EngineException.Kind.RUNTIME, "the TensorRT builder lacks its per-GPU "
                        + "resource library (Unable to load library: libnvinfer_builder_resource_sm90.so.10.6.0)");
            }
        };
        EngineManager m = new EngineManager(() -> TensorRtAvailability.available("10.6.0"), () -> trtexec,
                d -> d.path() == BuildPath.JAVACPP ? failing : EngineManager.toolchain(d));
        EngineManager.Result r = m.ensureEngine(config(1, Precision.FP16));
        assertThat(r.path()).isEqualTo(BuildPath.TRTEXEC);
        assertThat(r.built()).isTrue();
        assertThat(Files.exists(r.engine())).isTrue();
    }

    @Test
    void int8NeedsTheCalibrationCacheAndKeysOnIt() throws Exception {
        TallyConfig c = config(1, Precision.INT8);
        assertThatThrownBy(() -> manager(trtexec).ensureEngine(c))
                .isInstanceOf(TallyException.class)
                .hasMessage("model.calibration-cache: precision int8 needs the TAO calibration cache, file not found: null")
                .extracting(e -> ((TallyException) e).exitCode()).isEqualTo(TallyException.BAD_CONFIG);

        Path cal = Files.writeString(dir.resolve("cal.bin"), "TRT-8601-EntropyCalibration2\n");
        TallyConfig withCal = TestConfigs.config(dir.resolve("state"),
                EnginePlanningTest.withCalibAndDla(c.model(), cal, -1), 1);
        EngineManager.Result r = manager(trtexec).ensureEngine(withCal);
        assertThat(Files.readString(r.engine())).contains("--int8", "--calib=" + cal);
        Files.writeString(cal, "another cache\n");
        assertThat(manager(trtexec).ensureEngine(withCal).message()).contains("stale (calibration sha256");
    }

    @Test
    void failingTrtexecIsAnOperatorError() throws Exception {
        Files.writeString(trtexec, "#!/bin/sh\n[ \"$1\" = \"--help\" ] && exit 0\necho '[E] Error[4]: bad onnx'\nexit 1\n");
        assertThatThrownBy(() -> manager(trtexec).ensureEngine(config(1, Precision.FP32)))
                .isInstanceOf(TallyException.class)
                .hasMessage("engine build failed: trtexec failed to build " + onnx + ": [E] Error[4]: bad onnx");
        assertThat(List.of(Files.list(dir.resolve("state/engines")).toArray())).isEmpty();
    }

    @Test
    void anInterruptedBuildStopsTrtexecAndLeavesNoEngine() throws Exception {
        SlowTrtexec slow = new SlowTrtexec(dir);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread builder = new Thread(() -> {
            try {
                manager(slow.script).ensureEngine(config(1, Precision.FP16));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        builder.start();
        long[] pids = slow.awaitRunning(Duration.ofSeconds(20));
        builder.interrupt();
        builder.join(10_000);
        assertThat(builder.isAlive()).as("the build gave up").isFalse();
        assertThat(thrown.get()).isInstanceOf(TallyException.class)
                .hasMessageStartingWith("engine build interrupted; stopped " + slow.script + " (pid ")
                .hasMessageEndingWith("; no engine written");
        assertThat(SlowTrtexec.awaitGone(pids[0], Duration.ofSeconds(5))).as("trtexec stopped").isTrue();
        assertThat(SlowTrtexec.awaitGone(pids[1], Duration.ofSeconds(5))).as("its child stopped").isTrue();
        assertThat(List.of(Files.list(dir.resolve("state/engines")).toArray())).as("no partial engine").isEmpty();
    }
}
