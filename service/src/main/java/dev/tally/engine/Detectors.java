package dev.tally.engine;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import dev.tally.config.TallyConfig;
import dev.tally.inference.Detector;
import dev.tally.inference.OnnxDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the detector {@code model.runtime} asks for: {@link OnnxDetector} (ONNX Runtime, CPU) or
 * {@link TensorRtDetector} (a TensorRT engine on the GPU). For TensorRT the engine is {@code model.engine} as
 * given when {@code model.onnx} is empty (prebuilt), else the one {@link EngineManager#ensureEngine} reuses or
 * builds. Without usable TensorRT bindings or a GPU this is one line and exit code 3.
 */
public final class Detectors {
    private static final Logger LOG = LoggerFactory.getLogger(Detectors.class);

    private Detectors() {
    }

    /** The detector of {@code config.model()} for up to {@code batch} frames per run. */
    public static Detector open(TallyConfig config, ModelConfig model, int batch) {
        if (model.runtime() != ModelConfig.Runtime.TENSORRT) {
            return OnnxDetector.open(model, batch);
        }
        TensorRtAvailability a = TensorRtBindings.load();
        if (!a.usable()) {
            throw TallyException.missingDependency("model.runtime = tensorrt: " + a.reason());
        }
        Path engine = engineOf(config, model);
        TensorRtDetector d = new TensorRtDetector(engine, model, batch);
        LOG.info("detector: TensorRT {} engine {} (batch up to {})", a.version(), engine, d.maxBatch());
        return d;
    }

    /** The engine file to run: prebuilt, or reused/built from the ONNX export. */
    static Path engineOf(TallyConfig config, ModelConfig model) {
        if (model.onnx() == null) {
            if (model.engine() == null || !Files.isRegularFile(model.engine())) {
                throw TallyException.badConfig("model.engine: file not found: " + model.engine());
            }
            return model.engine();
        }
        EngineManager.Result r = EngineManager.standard().ensureEngine(config.model() == model ? config
                : config.withModel(model));
        if (!r.ready()) {
            throw TallyException.missingDependency("model.runtime = tensorrt: " + r.message());
        }
        return r.engine();
    }
}
