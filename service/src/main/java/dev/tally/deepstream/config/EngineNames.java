package dev.tally.deepstream.config;

import dev.tally.config.ModelConfig;
import dev.tally.config.TallyConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where TensorRT engines live and what they are called. nvinfer names an engine it builds
 * {@code <model file>_b<batch>_gpu<id>_<fp32|fp16|int8>.engine}, or {@code _dla<core>_} in place of {@code _gpu<id>_}
 * when the config enables a DLA core; a {@code model-engine-file} with any other
 * name (or in an unwritable place) makes it rebuild the engine at every start. Tally keeps engines in
 * {@code <state-dir>/engines}, absolute. nvinfer writes an engine it builds next to the model file it was given
 * ({@code <model path>_b<batch>_gpu<id>_<precision>.engine}), so the nvinfer config names the model through a link
 * in the engine directory ({@link #modelLink}); {@link #linkModel} creates it before the pipeline starts.
 */
public final class EngineNames {
    /** GPU used by every element; Jetsons have one. */
    public static final int GPU_ID = 0;

    private EngineNames() {
    }

    public static Path engineDir(TallyConfig cfg) {
        return cfg.stateDir().toAbsolutePath().normalize().resolve("engines");
    }

    /** The engine file for this model at this batch size: the configured engine if set, else nvinfer's name. */
    public static Path engine(TallyConfig cfg, ModelConfig model, int batch) {
        if (model.engine() != null && !model.engine().toString().isEmpty()) {
            return model.engine().toAbsolutePath().normalize();
        }
        return engineDir(cfg).resolve(fileName(model.onnx().getFileName().toString(), batch, model.precision(),
                model.dlaCore()));
    }

    /** The path nvinfer is given as the model: a link in the engine directory to the configured ONNX file. */
    public static Path modelLink(TallyConfig cfg, ModelConfig model) {
        return engineDir(cfg).resolve(model.onnx().getFileName().toString());
    }

    /** Creates the engine directory and the model link (replacing a stale link). */
    public static Path linkModel(TallyConfig cfg, ModelConfig model) throws IOException {
        Path link = modelLink(cfg, model);
        Path target = model.onnx().toAbsolutePath().normalize();
        Files.createDirectories(link.getParent());
        if (Files.isSymbolicLink(link) && !Files.readSymbolicLink(link).equals(target)) {
            Files.delete(link);
        }
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(link, target);
        }
        return link;
    }

    public static String fileName(String modelFile, int batch, ModelConfig.Precision precision) {
        return fileName(modelFile, batch, precision, -1);
    }

    /** nvinfer's name for an engine on DLA core {@code dlaCore}, or on the GPU when it is negative. */
    public static String fileName(String modelFile, int batch, ModelConfig.Precision precision, int dlaCore) {
        return modelFile + "_b" + batch + (dlaCore >= 0 ? "_dla" + dlaCore : "_gpu" + GPU_ID) + "_"
                + precision.name().toLowerCase(Locale.ROOT) + ".engine";
    }
}
