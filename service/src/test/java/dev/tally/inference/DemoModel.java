package dev.tally.inference;

import dev.tally.testing.TestSupport;
import dev.tally.config.ConfigLoader;
import dev.tally.config.ModelConfig;
import java.nio.file.Path;

/** The committed demo model (models/demo, 480x272 DetectNet_v2 layout) as tests and benchmarks load it. */
public final class DemoModel {
    private DemoModel() {
    }

    /** The repository root: the {@code tally.repo.root} property (set by surefire) or the working directory. */
    public static Path root() {
        return TestSupport.repoRoot().toAbsolutePath().normalize();
    }

    /** The demo model's config, with reference.conf's defaults otherwise (cpu-threads = 1, NMS). */
    public static ModelConfig config() {
        return ConfigLoader.parseString("""
                tally {
                  state-dir = state
                  cameras = [ { id = cam, uri = "sim://warehouse?seed=1" } ]
                  model {
                    onnx = models/demo/tally-demo.onnx
                    labels-file = models/demo/labels.txt
                    input-height = 272
                    input-width = 480
                    precision = fp32
                  }
                }
                """, root().resolve("demo-model.conf")).model();
    }
}
