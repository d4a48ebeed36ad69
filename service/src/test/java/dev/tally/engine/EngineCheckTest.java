package dev.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EngineCheck names each difference between an engine's tensors and the configured TAO model. */
class EngineCheckTest {
    private static EngineInfo.Tensor in(String name, long... shape) {
        long[] max = shape.clone();
        if (max[0] < 0) {
            max[0] = 4;
        }
        return new EngineInfo.Tensor(name, true, shape, "FLOAT", max);
    }

    private static EngineInfo.Tensor out(String name, String type, long... shape) {
        return new EngineInfo.Tensor(name, false, shape, type, new long[0]);
    }

    private static EngineInfo yolo(long h, long w) {
        return new EngineInfo("10.3.0", List.of(in("Input", -1, 3, h, w),
                out("BatchedNMS", "INT32", -1, 1), out("BatchedNMS_1", "FLOAT", -1, 200, 4),
                out("BatchedNMS_2", "FLOAT", -1, 200), out("BatchedNMS_3", "FLOAT", -1, 200)));
    }

    @Test
    void yoloEngineMatchingTheConfigHasNoProblems() {
        ModelConfig m = TestConfigs.model(ModelType.YOLOV4, 960, 544, Map.of());
        assertThat(EngineCheck.check(yolo(544, 960), m, 4)).isEmpty();
    }

    @Test
    void namesInputDimsBatchAndMissingOutputs() {
        ModelConfig m = TestConfigs.model(ModelType.SSD, 960, 544, Map.of());
        assertThat(EngineCheck.check(yolo(384, 1248), m, 8)).containsExactly(
                "input Input is [3, 384, 1248] per image, the config says [3, 544, 960] (model.input-channels/-height/-width)",
                "engine takes at most batch 4, the deployment needs 8 (model.batch-size or the number of cameras)",
                "missing output NMS (NMS plugin output of a TAO export); the engine has "
                        + "[BatchedNMS, BatchedNMS_1, BatchedNMS_2, BatchedNMS_3]",
                "missing output NMS_1 (NMS plugin output of a TAO export); the engine has "
                        + "[BatchedNMS, BatchedNMS_1, BatchedNMS_2, BatchedNMS_3]");
    }

    @Test
    void detectNetClassCountAndGrid() {
        ModelConfig m = TestConfigs.model(ModelType.DETECTNET_V2, 960, 544, Map.of()); // 3 labels, stride 16
        EngineInfo e = new EngineInfo("10.3.0", List.of(in("input_1:0", 1, 3, 544, 960),
                out("output_cov/Sigmoid:0", "FLOAT", 1, 4, 34, 60), out("output_bbox/BiasAdd:0", "FLOAT", 1, 12, 34, 60)));
        assertThat(EngineCheck.check(e, m, 1)).containsExactly(
                "output output_cov/Sigmoid:0 is [4, 34, 60] per image, expected [3, 34, 60] "
                        + "(3 classes of model.labels, input 544x960 / stride 16)");
        assertThat(EngineCheck.check(e, m, 2)).contains(
                "engine takes at most batch 1, the deployment needs 2 (model.batch-size or the number of cameras)");
    }

    @Test
    void efficientDetIsNhwcAndSsdRowsHaveSevenValues() {
        ModelConfig eff = TestConfigs.model(ModelType.EFFICIENTDET, 512, 512, Map.of());
        EngineInfo e = new EngineInfo("10.3.0", List.of(in("input", -1, 512, 512, 3),
                out("num_detections", "INT32", -1, 1), out("detection_boxes", "FLOAT", -1, 100, 4),
                out("detection_scores", "FLOAT", -1, 100), out("detection_classes", "INT32", -1, 100)));
        assertThat(EngineCheck.check(e, eff, 1)).isEmpty();

        ModelConfig ssd = TestConfigs.model(ModelType.RETINANET, 960, 544, Map.of());
        EngineInfo s = new EngineInfo("10.3.0", List.of(in("Input", -1, 3, 544, 960),
                out("NMS", "FLOAT", -1, 1, 200, 6), out("NMS_1", "INT32", -1, 1, 1, 1)));
        assertThat(EngineCheck.check(s, ssd, 1)).containsExactly(
                "output NMS has rows of 6 values, expected 7 (image_id, label, confidence, xmin, ymin, xmax, ymax)");
    }

    @Test
    void detrLogitsMustHaveTheLabelCount() {
        ModelConfig m = TestConfigs.model(ModelType.DINO, 960, 544, Map.of());
        EngineInfo e = new EngineInfo("10.3.0", List.of(in("inputs", -1, 3, 544, 960),
                out("pred_boxes", "FLOAT", -1, 300, 4), out("pred_logits", "FLOAT", -1, 300, 91)));
        assertThat(EngineCheck.check(e, m, 1)).containsExactly("output pred_logits has 91 classes, model.labels has 3");
    }

    @Test
    void percentilesNearestRank() {
        double[] v = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        Percentiles p = new Percentiles(v, 10);
        assertThat(p.at(50)).isEqualTo(5);
        assertThat(p.at(90)).isEqualTo(9);
        assertThat(p.at(99)).isEqualTo(10);
        assertThat(p.at(100)).isEqualTo(10);
        assertThat(p.mean()).isEqualTo(5.5);
        assertThat(v[0]).isEqualTo(5); // input untouched
    }
}
