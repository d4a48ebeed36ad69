package dev.tally.engine;

import java.nio.file.Path;

/** What {@code tally engine inspect|bench} needs from an engine file, behind the TensorRT classes of this package. */
public final class EngineTools {
    private EngineTools() {
    }

    /** The tensors and TensorRT version of a serialized engine. */
    public static EngineInfo inspect(Path engine, String tensorRtVersion) {
        try (TrtEngine trt = TrtEngine.load(engine, tensorRtVersion)) {
            return trt.info();
        }
    }

    /** Runs {@code warmup} untimed and {@code iterations} timed inferences of {@code batch} images; the report. */
    public static String bench(Path engine, String tensorRtVersion, int batch, int warmup, int iterations) {
        try (TrtEngine trt = TrtEngine.load(engine, tensorRtVersion); TrtExecution x = new TrtExecution(trt, batch)) {
            return EngineBench.run(x, batch, warmup, iterations).report();
        }
    }
}
