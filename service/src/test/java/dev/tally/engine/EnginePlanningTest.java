package dev.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.ModelConfig.Precision;
import dev.tally.config.TallyConfig;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine naming, cache keys, the build-path decision, the ONNX input reader and the trtexec command line. */
class EnginePlanningTest {
    @TempDir
    Path dir;

    @Test
    void namesEnginesLikeNvinfer() {
        assertThat(EngineNaming.fileName(Path.of("/m/yolov4_resnet18.onnx"), 4, 0, Precision.INT8))
                .isEqualTo("yolov4_resnet18.onnx_b4_gpu0_int8.engine");
        ModelConfig m = TestConfigs.model(ModelType.YOLOV4, Path.of("/models/y.onnx"), Precision.FP16, 0, 960, 544, Map.of());
        TallyConfig c = TestConfigs.config(Path.of("/var/lib/tally"), m, 3); // batch 0 = number of cameras
        assertThat(EngineNaming.enginePath(c)).isEqualTo(Path.of("/var/lib/tally/engines/y.onnx_b3_gpu0_fp16.engine"));
        assertThat(EngineNaming.enginePath(c)).isEqualTo(dev.tally.deepstream.config.EngineNames.engine(c, m, 3));
        assertThat(EngineNaming.keyFile(EngineNaming.enginePath(c)).getFileName().toString())
                .isEqualTo("y.onnx_b3_gpu0_fp16.engine.key.properties");
    }

    @Test
    void cacheKeyRoundTripsAndNamesEveryDifference() throws Exception {
        EngineKey k = new EngineKey("a".repeat(64), Precision.FP16, 2, "Orin", "10.3.0", "", -1);
        Path f = dir.resolve("e.engine.key.properties");
        k.write(f);
        assertThat(EngineKey.read(f)).isEqualTo(k);
        assertThat(k.differences(EngineKey.read(f))).isEmpty();
        EngineKey other = new EngineKey("b".repeat(64), Precision.INT8, 4, "NVIDIA H100", "10.6.0", "c".repeat(64), 0);
        assertThat(other.differences(k)).containsExactly(
                "model sha256 aaaaaaaaaaaa -> bbbbbbbbbbbb", "precision FP16 -> INT8", "batch 2 -> 4",
                "gpu Orin -> NVIDIA H100", "tensorrt 10.3.0 -> 10.6.0", "calibration sha256  -> cccccccccccc",
                "dla-core -1 -> 0");
        Files.writeString(f, "garbage=1\n");
        assertThat(EngineKey.read(f)).isNull();
        assertThat(EngineKey.read(dir.resolve("absent"))).isNull();
    }

    @Test
    void sha256OfFile() throws Exception {
        Path f = Files.writeString(dir.resolve("x"), "abc");
        assertThat(EngineKey.sha256(f)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void decidesBuildPathFromProbes() {
        TensorRtAvailability ok = TensorRtAvailability.available("10.3.0");
        TensorRtAvailability missing = TensorRtAvailability.unavailable("", "TensorRT Java bindings did not load (x)");
        Path trtexec = Path.of("/usr/src/tensorrt/bin/trtexec");

        assertThat(BuildPath.decide(ok, trtexec).path()).isEqualTo(BuildPath.JAVACPP);
        assertThat(BuildPath.decide(ok, null).tensorRtVersion()).isEqualTo("10.3.0");
        BuildPath.Decision t = BuildPath.decide(missing, trtexec);
        assertThat(t.path()).isEqualTo(BuildPath.TRTEXEC);
        assertThat(t.message()).isEqualTo("TensorRT Java bindings did not load (x); building with "
                + "/usr/src/tensorrt/bin/trtexec instead");
        BuildPath.Decision n = BuildPath.decide(missing, null);
        assertThat(n.path()).isEqualTo(BuildPath.NVINFER);
        assertThat(n.message()).startsWith("TensorRT Java bindings did not load (x) and trtexec was not found on PATH;")
                .doesNotContain("\n");
    }

    @Test
    void findsTrtexecOnPathOrAtExtraLocations() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        assertThat(Trtexec.find(bin.toString(), List.of())).isNull();
        Path exe = Files.writeString(bin.resolve("trtexec"), "#!/bin/sh\n");
        assertThat(Trtexec.find("/nonexistent:" + bin, List.of())).isNull(); // not executable
        exe.toFile().setExecutable(true);
        assertThat(Trtexec.find("/nonexistent:" + bin, List.of())).isEqualTo(exe);
        assertThat(Trtexec.find("", List.of(exe))).isEqualTo(exe);
    }

    @Test
    void readsOnnxInputsSkippingInitializers() throws Exception {
        byte[] bytes = OnnxFiles.model(new String[] {"Input", "conv1/kernel"},
                new long[][] {{-1, 3, 544, 960}, {64, 3, 7, 7}}, "conv1/kernel");
        List<OnnxInputs.Input> in = OnnxInputs.parse(ByteBuffer.wrap(bytes));
        assertThat(in).hasSize(1);
        assertThat(in.get(0).name()).isEqualTo("Input");
        assertThat(in.get(0).dims()).containsExactly(-1, 3, 544, 960);
        assertThat(in.get(0).dynamic()).isTrue();
    }

    @Test
    void trtexecCommandMatchesTheConfiguredBuild() throws Exception {
        Path onnx = Files.write(dir.resolve("y.onnx"),
                OnnxFiles.model(new String[] {"Input"}, new long[][] {{-1, 3, -1, -1}}));
        ModelConfig m = TestConfigs.model(ModelType.YOLOV4, onnx, Precision.INT8, 4, 960, 544, Map.of());
        m = withCalibAndDla(m, dir.resolve("cal.bin"), 1);
        EngineSpec spec = EngineSpec.of(TestConfigs.config(dir, m, 2));
        List<String> cmd = TrtexecCommand.build(Path.of("/usr/bin/trtexec"), spec, OnnxInputs.read(onnx),
                dir.resolve("out.engine"));
        assertThat(cmd).containsExactly("/usr/bin/trtexec", "--onnx=" + onnx, "--saveEngine=" + dir.resolve("out.engine"),
                "--int8", "--calib=" + dir.resolve("cal.bin"),
                "--minShapes=Input:1x3x544x960", "--optShapes=Input:4x3x544x960", "--maxShapes=Input:4x3x544x960",
                "--memPoolSize=workspace:1024", "--useDLACore=1", "--allowGPUFallback");

        ModelConfig fp16 = TestConfigs.model(ModelType.EFFICIENTDET, onnx, Precision.FP16, 1, 512, 512, Map.of());
        EngineSpec s2 = EngineSpec.of(TestConfigs.config(dir, fp16, 1));
        assertThat(TrtexecCommand.build(Path.of("trtexec"), s2,
                List.of(new OnnxInputs.Input("input_1:0", new long[] {-1, -1, -1, 3})), dir.resolve("o")))
                .contains("--fp16", "--minShapes='input_1:0':1x512x512x3")
                .noneMatch(a -> a.startsWith("--useDLACore") || a.startsWith("--int8"));
        assertThat(TrtexecCommand.build(Path.of("trtexec"), s2,
                List.of(new OnnxInputs.Input("x", new long[] {1, 3, 512, 512})), dir.resolve("o")))
                .noneMatch(a -> a.contains("Shapes"));
    }

    static ModelConfig withCalibAndDla(ModelConfig m, Path calib, int dla) {
        return new ModelConfig(m.type(), m.onnx(), m.engine(), m.labels(), m.inputChannels(), m.inputHeight(),
                m.inputWidth(), m.colorFormat(), m.netScaleFactor(), m.offsets(), m.maintainAspectRatio(),
                m.precision(), calib, m.batchSize(), m.stride(), m.bboxNorm(), m.bboxOffset(), m.cluster(),
                m.defaults(), m.classThresholds(), m.dbscanEps(), m.dbscanMinBoxes(), m.dbscanMinScore(),
                m.interval(), m.workspaceMib(), dla, m.cpuThreads());
    }
}
