package dev.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Frame-to-tensor conversion of the TensorRT detector: colour order, scale/offsets, NCHW vs NHWC, batch slot. */
class InputPackerTest {
    /** 2x1 image: pixel 0 = (R10, G20, B30), pixel 1 = (R40, G50, B60). */
    private static ByteBuffer rgb() {
        return ByteBuffer.wrap(new byte[] {10, 20, 30, 40, 50, 60});
    }

    @Test
    void bgrWithOffsetsNchwInSecondBatchSlot() {
        ModelConfig m = TestConfigs.model(ModelType.YOLOV4, 2, 1, Map.of()); // BGR, scale 1, offsets 103.939;116.779;123.68
        InputPacker p = new InputPacker(m, false);
        ByteBuffer dst = ByteBuffer.allocateDirect(2 * p.imageBytes()).order(ByteOrder.nativeOrder());
        ByteBuffer src = rgb();
        p.pack(src, dst, 1);
        int base = p.imageBytes() / 4;
        float[] want = {30 - 103.939f, 60 - 103.939f, 20 - 116.779f, 50 - 116.779f, 10 - 123.68f, 40 - 123.68f};
        for (int i = 0; i < want.length; i++) {
            assertThat(dst.getFloat((base + i) * 4)).isCloseTo(want[i], within(1e-4f));
        }
        assertThat(dst.getFloat(0)).isZero(); // slot 0 untouched
        assertThat(src.position()).isZero();
    }

    @Test
    void rgbScaledNhwc() {
        ModelConfig base = TestConfigs.model(ModelType.EFFICIENTDET, 2, 1, Map.of());
        ModelConfig m = new ModelConfig(base.type(), base.onnx(), null, base.labels(), 3, 1, 2,
                ModelConfig.ColorFormat.RGB, 0.5, new float[] {0, 0, 0}, false, base.precision(), null, 1, 16, 35f,
                0.5f, base.cluster(), base.defaults(), Map.of(), 0.2f, 1, 0f, 0, 1024, -1, 1);
        InputPacker p = new InputPacker(m, true);
        ByteBuffer dst = ByteBuffer.allocateDirect(p.imageBytes()).order(ByteOrder.nativeOrder());
        p.pack(rgb(), dst, 0);
        float[] want = {5, 10, 15, 20, 25, 30};
        for (int i = 0; i < want.length; i++) {
            assertThat(dst.getFloat(i * 4)).isEqualTo(want[i]);
        }
    }
}
