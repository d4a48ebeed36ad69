package dev.tally.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.ModelConfig;
import dev.tally.dataset.Kitti;
import dev.tally.dataset.LabeledImage;
import dev.tally.dataset.SimExport;
import dev.tally.inference.DemoModel;
import dev.tally.inference.OnnxDetector;
import dev.tally.sim.SimSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed demo model (models/demo) on a small held-out synthetic split, through the same code path as
 * {@code tally evaluate}: export a KITTI dataset from the simulator with seeds the training never saw, read it
 * back, run the model with ONNX Runtime, score AP@0.5. The bar is mAP@0.5 >= 0.85.
 */
class DemoModelEvaluationTest {
    /** Far from the training and validation seeds of models/demo/MODEL_CARD.md. */
    static final long HELD_OUT_SEED = 90_210;

    @TempDir
    Path dir;

    @Test
    void demoModelReachesMapOfPoint85OnHeldOutSimFrames() {
        SimExport.Options split = new SimExport.Options(SimSpec.ofSeed(HELD_OUT_SEED), 3, 150, 25, 60, 480, 272,
                "png", 0.9f, 0.3f, true);
        SimExport.export(split, dir);
        List<LabeledImage> images = Kitti.read(dir);
        assertThat(images).hasSize(18);
        ModelConfig model = DemoModel.config();
        DatasetEvaluation.Outcome outcome;
        try (OnnxDetector detector = OnnxDetector.open(model, 1)) {
            outcome = DatasetEvaluation.run(detector, model.labels(), images, 0.5);
        }
        ApResult r = outcome.result();
        System.out.print(r.table());
        assertThat(r.excluded()).as("every class has ground truth in the split").isEmpty();
        assertThat(r.map()).isGreaterThanOrEqualTo(0.85);
    }
}
