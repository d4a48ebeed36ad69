package dev.tally.engine;

import dev.tally.config.ModelConfig;
import java.nio.ByteBuffer;

/**
 * Converts packed 8-bit RGB frames into a network's FLOAT input tensor as nvinfer does:
 * {@code y = net-scale-factor * (x - offset[c])} with channel c taken in the configured colour order (RGB, BGR,
 * or GRAY as luminance), laid out NCHW or NHWC. Allocation-free; writes into a caller-owned native-order buffer.
 */
final class InputPacker {
    private final int channels;
    private final int plane;
    private final boolean nhwc;
    private final float scale;
    private final float[] offset;
    private final int[] sourceChannel;

    InputPacker(ModelConfig model, boolean nhwc) {
        this.channels = model.inputChannels();
        this.plane = model.inputWidth() * model.inputHeight();
        this.nhwc = nhwc;
        this.scale = (float) model.netScaleFactor();
        float[] off = model.offsets();
        offset = new float[channels];
        sourceChannel = new int[channels];
        for (int c = 0; c < channels; c++) {
            offset[c] = c < off.length ? off[c] : 0f;
            sourceChannel[c] = model.colorFormat() == ModelConfig.ColorFormat.BGR ? 2 - c : c;
        }
    }

    /** Bytes one image takes in the input tensor. */
    int imageBytes() {
        return plane * channels * Float.BYTES;
    }

    /** Writes image {@code index} of the batch from {@code rgb} (read from its position, not moved). */
    void pack(ByteBuffer rgb, ByteBuffer dst, int index) {
        int base = index * imageBytes();
        int src = rgb.position();
        for (int p = 0; p < plane; p++) {
            int px = src + p * 3;
            for (int c = 0; c < channels; c++) {
                float v;
                if (channels == 1) {
                    v = 0.299f * (rgb.get(px) & 0xff) + 0.587f * (rgb.get(px + 1) & 0xff) + 0.114f * (rgb.get(px + 2) & 0xff);
                } else {
                    v = rgb.get(px + sourceChannel[c]) & 0xff;
                }
                int at = nhwc ? p * channels + c : c * plane + p;
                dst.putFloat(base + at * Float.BYTES, scale * (v - offset[c]));
            }
        }
    }
}
