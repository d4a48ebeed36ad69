package dev.tally.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.tally.config.ModelConfig.ColorFormat;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class PreprocessorTest {
    /** 2x1 image: pixel 0 = (10, 20, 30), pixel 1 = (200, 100, 0). */
    private static ByteBuffer image() {
        ByteBuffer b = ByteBuffer.allocateDirect(7);
        b.put((byte) 99).put(new byte[] {10, 20, 30, (byte) 200, 100, 0}).position(1);
        return b;
    }

    private static TestModels model(ColorFormat color, double scale, float... offsets) {
        TestModels m = new TestModels();
        m.width = 2;
        m.height = 1;
        m.color = color;
        m.channels = color == ColorFormat.GRAY ? 1 : 3;
        m.scale = scale;
        m.offsets = offsets;
        return m;
    }

    private static float[] run(TestModels m, boolean nhwc, int offset) {
        Preprocessor p = new Preprocessor(m.build(), nhwc);
        FloatBuffer out = FloatBuffer.allocate(offset + p.frameSize());
        ByteBuffer img = image();
        p.convert(img, out, offset);
        assertThat(img.position()).isEqualTo(1);
        float[] r = new float[p.frameSize()];
        out.get(offset, r);
        return r;
    }

    @Test
    void rgbNchwAppliesScaleAfterPerChannelOffset() {
        float[] v = run(model(ColorFormat.RGB, 0.5, 10, 20, 30), false, 3);
        assertThat(v).containsExactly(new float[] {0, 95, 0, 40, 0, -15}, within(1e-5f));
    }

    @Test
    void bgrPutsBlueFirstAndOffsetsFollowModelChannelOrder() {
        // YOLO style: net-scale-factor 1, offsets in B, G, R order
        float[] v = run(model(ColorFormat.BGR, 1.0, 103.939f, 116.779f, 123.68f), false, 0);
        assertThat(v).containsExactly(new float[] {30 - 103.939f, 0 - 103.939f, 20 - 116.779f, 100 - 116.779f,
                10 - 123.68f, 200 - 123.68f}, within(1e-4f));
    }

    @Test
    void nhwcInterleavesChannels() {
        float[] v = run(model(ColorFormat.RGB, 1.0 / 255, 0, 0, 0), true, 0);
        assertThat(v).containsExactly(new float[] {10 / 255f, 20 / 255f, 30 / 255f, 200 / 255f, 100 / 255f, 0},
                within(1e-6f));
    }

    @Test
    void grayUsesLuma() {
        float[] v = run(model(ColorFormat.GRAY, 1.0, 1f), false, 0);
        assertThat(v).containsExactly(new float[] {0.299f * 10 + 0.587f * 20 + 0.114f * 30 - 1,
                0.299f * 200 + 0.587f * 100 - 1}, within(1e-3f));
    }

    @Test
    void shortFrameIsRejected() {
        Preprocessor p = new Preprocessor(model(ColorFormat.RGB, 1, 0, 0, 0).build(), false);
        assertThatThrownBy(() -> p.convert(ByteBuffer.allocate(5), FloatBuffer.allocate(6), 0))
                .hasMessage("frame has 5 bytes, the model input needs 6 (2x1 RGB)");
    }
}
