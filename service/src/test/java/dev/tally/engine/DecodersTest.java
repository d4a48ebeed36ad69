package dev.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ClassThresholds;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.engine.EfficientNmsDecoder.BoxOrder;
import dev.tally.engine.PluginDecoder.Coordinates;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three TensorRT plugin-output decoders, on output tensors laid out as the plugins write them. */
class DecodersTest {
    private static final int W = 960;
    private static final int H = 544;

    /** person (class 1) needs 0.7; the others the default 0.4; pallet keeps at most 1 box. */
    private final ModelConfig model = TestConfigs.model(ModelType.YOLOV4, W, H, Map.of(
            "person", new ClassThresholds(0.7f, 0f, 0.5f, 100),
            "pallet", new ClassThresholds(0.4f, 0f, 0.5f, 1)));

    private static ByteBuffer floats(float... v) {
        ByteBuffer b = ByteBuffer.allocateDirect(v.length * 4).order(ByteOrder.nativeOrder());
        for (float x : v) {
            b.putFloat(x);
        }
        return b.flip();
    }

    private static ByteBuffer ints(int... v) {
        ByteBuffer b = ByteBuffer.allocateDirect(v.length * 4).order(ByteOrder.nativeOrder());
        for (int x : v) {
            b.putInt(x);
        }
        return b.flip();
    }

    @Test
    void batchedNmsScalesNormalisedBoxesAndAppliesPerClassThresholdsPerImage() {
        BatchedNmsDecoder d = new BatchedNmsDecoder(model, 3, Coordinates.NORMALIZED);
        d.bind(
                ints(3, 1),
                floats(0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.5f, 0.6f, 0.6f, 0f, 0f, 0.2f, 0.2f,
                        0.5f, 0.25f, 1.2f, 0.75f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f),
                floats(0.9f, 0.6f, 0.45f, 0.8f, 0f, 0f),
                floats(0f, 1f, 2f, 2f, 0f, 0f));
        Detections out = new Detections(8);

        d.decode(0, out);
        assertThat(out.count()).isEqualTo(2); // person at 0.6 is below its 0.7 threshold
        assertThat(out.classId[0]).isEqualTo(0);
        assertThat(out.x1[0]).isCloseTo(96f, within());
        assertThat(out.y1[0]).isCloseTo(108.8f, within());
        assertThat(out.x2[0]).isCloseTo(288f, within());
        assertThat(out.y2[0]).isCloseTo(217.6f, within());
        assertThat(out.classId[1]).isEqualTo(2);
        assertThat(out.confidence[1]).isEqualTo(0.45f);

        d.decode(1, out); // second image: one row, box clamped to the input width
        assertThat(out.count()).isEqualTo(1);
        assertThat(out.classId[0]).isEqualTo(2);
        assertThat(out.x1[0]).isCloseTo(480f, within());
        assertThat(out.x2[0]).isEqualTo((float) W);
        assertThat(out.y2[0]).isCloseTo(408f, within());
    }

    @Test
    void batchedNmsTopKPerClassAndPixelCoordinates() {
        BatchedNmsDecoder d = new BatchedNmsDecoder(model, 3, Coordinates.PIXELS);
        d.bind(ints(3), floats(10, 20, 30, 40, 50, 60, 70, 80, 1, 2, 3, 4), floats(0.9f, 0.8f, 0.95f),
                floats(2f, 2f, 0f));
        Detections out = new Detections(8);
        d.decode(0, out);
        assertThat(out.count()).isEqualTo(2); // the second pallet exceeds pallet's top-k of 1
        assertThat(out.classId[0]).isEqualTo(2);
        assertThat(out.x1[0]).isEqualTo(10f);
        assertThat(out.y2[0]).isEqualTo(40f);
        assertThat(out.classId[1]).isEqualTo(0);
        assertThat(out.x2[1]).isEqualTo(3f);
    }

    @Test
    void nmsUsesKeepCountAndImageIdPerBatchIndex() {
        NmsDecoder d = new NmsDecoder(model, 2, Coordinates.NORMALIZED);
        d.bind(
                floats(
                        0, 1, 0.8f, 0.1f, 0.1f, 0.2f, 0.2f, // image 0: person 0.8 (>= 0.7)
                        0, 0, 0.9f, 0.3f, 0.3f, 0.4f, 0.4f, // image 0: beyond keep count 1 -> ignored
                        1, 0, 0.5f, 0.0f, 0.5f, 0.25f, 1.0f, // image 1: forklift
                        -1, 0, 0.9f, 0.0f, 0.0f, 0.5f, 0.5f), // padding row with image id -1
                ints(1, 2));
        Detections out = new Detections(4);
        d.decode(0, out);
        assertThat(out.count()).isEqualTo(1);
        assertThat(out.classId[0]).isEqualTo(1);
        assertThat(out.x1[0]).isCloseTo(96f, within());
        assertThat(out.y2[0]).isCloseTo(108.8f, within());

        d.decode(1, out);
        assertThat(out.count()).isEqualTo(1);
        assertThat(out.classId[0]).isEqualTo(0);
        assertThat(out.y1[0]).isCloseTo(272f, within());
        assertThat(out.x2[0]).isCloseTo(240f, within());
        assertThat(out.y2[0]).isCloseTo(544f, within());
    }

    @Test
    void nmsKeepCountAboveCapacityIsBounded() {
        NmsDecoder d = new NmsDecoder(model, 1, Coordinates.NORMALIZED);
        d.bind(floats(0, 0, 0.9f, 0.1f, 0.1f, 0.2f, 0.2f), ints(99));
        Detections out = new Detections(4);
        d.decode(0, out);
        assertThat(out.count()).isEqualTo(1);
    }

    @Test
    void efficientNmsReadsYxyxPixelBoxesAndIntClasses() {
        EfficientNmsDecoder d = new EfficientNmsDecoder(model, 2, Coordinates.PIXELS, BoxOrder.YXYX);
        d.bind(ints(2, 0),
                floats(100, 200, 300, 400, 10, 10, 20, 20, 0, 0, 0, 0, 0, 0, 0, 0),
                floats(0.5f, 0.3f, 0f, 0f),
                ints(0, 0, 0, 0));
        Detections out = new Detections(4);
        d.decode(0, out);
        assertThat(out.count()).isEqualTo(1); // 0.3 is below the default 0.4
        assertThat(out.x1[0]).isEqualTo(200f);
        assertThat(out.y1[0]).isEqualTo(100f);
        assertThat(out.x2[0]).isEqualTo(400f);
        assertThat(out.y2[0]).isEqualTo(300f);
        d.decode(1, out);
        assertThat(out.count()).isZero();
    }

    @Test
    void efficientNmsXyxyNormalisedAndOutOfRangeClassesDropped() {
        EfficientNmsDecoder d = new EfficientNmsDecoder(model, 2, Coordinates.NORMALIZED, BoxOrder.XYXY);
        d.bind(ints(2), floats(0.5f, 0.5f, 1f, 1f, 0f, 0f, 1f, 1f), floats(0.9f, 0.9f), ints(7, 2));
        Detections out = new Detections(4);
        d.decode(0, out);
        assertThat(out.count()).isEqualTo(1);
        assertThat(out.classId[0]).isEqualTo(2);
        assertThat(out.x2[0]).isEqualTo((float) W);
        assertThat(out.y2[0]).isEqualTo((float) H);
    }

    private static org.assertj.core.data.Offset<Float> within() {
        return org.assertj.core.data.Offset.offset(1e-3f);
    }
}
