package dev.tally.engine;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.config.ModelConfig.Precision;
import dev.tally.config.TallyConfig;
import java.nio.file.Path;

/**
 * Everything an engine build needs, resolved from the config: model and calibration files, precision, batch,
 * workspace, DLA core, GPU and the engine path (named by {@link EngineNaming}).
 *
 * @param inputDims the network input without the batch dimension, in the model's layout (C,H,W, or H,W,C
 *                  for NHWC models such as EfficientDet); used for dynamic dimensions of the input
 */
public record EngineSpec(Path onnx, Path calibrationCache, Precision precision, int batch, int workspaceMib,
                         int dlaCore, int gpuId, Path engine, long[] inputDims) {

    public EngineSpec {
        inputDims = inputDims.clone();
    }

    @Override
    public long[] inputDims() {
        return inputDims.clone();
    }

    public static EngineSpec of(TallyConfig config) {
        ModelConfig m = config.model();
        Path calib = m.precision() == Precision.INT8 ? m.calibrationCache() : null;
        return new EngineSpec(m.onnx(), calib, m.precision(), EngineNaming.batchSize(config), m.workspaceMib(),
                m.dlaCore(), EngineNaming.DEFAULT_GPU_ID, EngineNaming.enginePath(config), inputDims(m));
    }

    /** C,H,W of the config, or H,W,C for models whose input is NHWC. */
    static long[] inputDims(ModelConfig m) {
        if (m.type() == ModelType.EFFICIENTDET) {
            return new long[] {m.inputHeight(), m.inputWidth(), m.inputChannels()};
        }
        return new long[] {m.inputChannels(), m.inputHeight(), m.inputWidth()};
    }

    /**
     * The shape of a network input with the given (possibly dynamic, -1) dims at batch {@code n}: the first
     * dimension becomes n when dynamic, other dynamic dimensions are taken from {@link #inputDims}.
     */
    public long[] shapeAt(long[] networkDims, int n) {
        long[] s = networkDims.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) {
                if (i == 0) {
                    s[i] = n;
                } else {
                    int j = i - (s.length - inputDims.length);
                    s[i] = j >= 0 && j < inputDims.length ? inputDims[j] : 1;
                }
            }
        }
        return s;
    }
}
