package dev.tally.engine;

import dev.tally.config.ModelConfig.Precision;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.config.EngineNames;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Engine names and paths for the engine package, delegating to {@link EngineNames} (the DeepStream config
 * generator's naming) so that both always agree. nvinfer names the engine it builds
 * {@code <model file name>_b<batch>_gpu<id>_<fp32|fp16|int8>.engine}; Tally builds its engines under the same
 * name in {@code state-dir/engines}, and the DeepStream config generator points {@code model-engine-file} at
 * {@link #enginePath(TallyConfig)}, so nvinfer finds a matching engine and never rebuilds it at start.
 */
public final class EngineNaming {
    /** GPU that engines are built for (nvinfer gpu-id); Tally runs one GPU per daemon. */
    public static final int DEFAULT_GPU_ID = EngineNames.GPU_ID;
    /** Sub-directory of state-dir that holds engines and their cache-key sidecars. */
    public static final String ENGINE_DIR = "engines";
    /** Suffix of the sidecar that records what an engine was built from. */
    public static final String KEY_SUFFIX = ".key.properties";

    private EngineNaming() {
    }

    /** nvinfer's file name for an engine built from {@code modelFile}. */
    public static String fileName(Path modelFile, int batch, int gpuId, Precision precision) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be positive: " + batch);
        }
        if (gpuId == EngineNames.GPU_ID) {
            return EngineNames.fileName(modelFile.getFileName().toString(), batch, precision);
        }
        return modelFile.getFileName() + "_b" + batch + "_gpu" + gpuId + "_" + suffix(precision) + ".engine";
    }

    /** fp32, fp16 or int8, as nvinfer writes it in engine names. */
    public static String suffix(Precision precision) {
        return precision.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Where the engine of this deployment lives: {@code model.engine} when the operator gave one, else
     * {@code state-dir/engines/<nvinfer name>} — the same path the DeepStream config generator writes as
     * {@code model-engine-file} ({@link EngineNames#engine}). nvinfer, when it has to build, writes there too:
     * the generated config names the model through a link in that directory ({@link EngineNames#linkModel}).
     */
    public static Path enginePath(TallyConfig config) {
        return EngineNames.engine(config, config.model(), batchSize(config));
    }

    /** The engine batch size of this deployment (model.batch-size, or the number of cameras when 0). */
    public static int batchSize(TallyConfig config) {
        return config.model().effectiveBatchSize(config.cameras().size());
    }

    /** The sidecar file that holds the cache key of {@code engine}. */
    public static Path keyFile(Path engine) {
        return engine.resolveSibling(engine.getFileName() + KEY_SUFFIX);
    }
}
