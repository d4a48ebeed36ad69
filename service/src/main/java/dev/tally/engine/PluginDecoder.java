package dev.tally.engine;

import dev.tally.config.ModelConfig;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes the outputs of a TensorRT NMS plugin (tensors the TAO exporters append to the network) into
 * {@link Detections}. Subclasses know one plugin's tensor layout; this class holds what they share: the
 * output buffers, the per-class thresholds and top-k of the model config, and the mapping of plugin box
 * coordinates to pixels of the network input.
 *
 * <p>Usage: {@link #bind} the host copies of the output tensors once (in the order of {@link #tensorNames()}),
 * then call {@link #decode} per image. Decoding allocates nothing and takes no locks. Not thread-safe.
 * Boxes come out as corners in pixels of the network input, clamped to it; the caller scales to its frame.
 */
public abstract class PluginDecoder {
    /** Whether the plugin's boxes are normalised to [0,1] or already in input pixels. */
    public enum Coordinates { NORMALIZED, PIXELS }

    protected final int maxDetections;
    protected final Coordinates coordinates;
    private final float scaleX;
    private final float scaleY;
    private final float inputWidth;
    private final float inputHeight;
    private final float[] threshold;
    private final int[] topK;
    private final int[] kept;
    protected final ByteBuffer[] tensors;

    protected PluginDecoder(ModelConfig model, int maxDetections, Coordinates coordinates, int tensorCount) {
        if (maxDetections <= 0) {
            throw new IllegalArgumentException("maxDetections must be positive: " + maxDetections);
        }
        this.maxDetections = maxDetections;
        this.coordinates = coordinates;
        this.inputWidth = model.inputWidth();
        this.inputHeight = model.inputHeight();
        this.scaleX = coordinates == Coordinates.NORMALIZED ? inputWidth : 1f;
        this.scaleY = coordinates == Coordinates.NORMALIZED ? inputHeight : 1f;
        int classes = model.numClasses();
        threshold = new float[classes];
        topK = new int[classes];
        kept = new int[classes];
        for (int c = 0; c < classes; c++) {
            ModelConfig.ClassThresholds t = model.thresholds(c);
            threshold[c] = t.preCluster();
            topK[c] = t.topK();
        }
        tensors = new ByteBuffer[tensorCount];
    }

    /**
     * The output tensors this decoder reads, in {@link #bind} order; each entry lists the accepted names
     * (TAO exports name the same tensor differently across versions).
     */
    public abstract String[][] tensorNames();

    /**
     * Binds host buffers holding the whole batch of each output tensor (as copied from the device), in
     * {@link #tensorNames()} order. The buffers are read in native byte order from index 0.
     */
    public final void bind(ByteBuffer... outputs) {
        if (outputs.length != tensors.length) {
            throw new IllegalArgumentException("expected " + tensors.length + " tensors, got " + outputs.length);
        }
        for (int i = 0; i < outputs.length; i++) {
            tensors[i] = outputs[i].duplicate().order(ByteOrder.nativeOrder());
        }
    }

    /** Clears {@code out} and writes the detections of image {@code image} of the batch into it. */
    public final void decode(int image, Detections out) {
        out.clear();
        Arrays.fill(kept, 0);
        decodeImage(image, out);
    }

    /** Plugin-specific walk over one image's rows; calls {@link #emit} for each row. */
    protected abstract void decodeImage(int image, Detections out);

    /**
     * Filters one plugin row by class range, the class's threshold and top-k, maps its box to input pixels,
     * clamps it and appends it to {@code out}.
     */
    protected final void emit(Detections out, int cls, float conf, float left, float top, float right, float bottom) {
        if (cls < 0 || cls >= threshold.length || conf < threshold[cls] || kept[cls] >= topK[cls]) {
            return;
        }
        float x1 = clamp(left * scaleX, inputWidth);
        float y1 = clamp(top * scaleY, inputHeight);
        float x2 = clamp(right * scaleX, inputWidth);
        float y2 = clamp(bottom * scaleY, inputHeight);
        if (x2 <= x1 || y2 <= y1) {
            return;
        }
        kept[cls]++;
        out.add(cls, conf, x1, y1, x2, y2, Detections.UNTRACKED);
    }

    private static float clamp(float v, float max) {
        return v < 0f ? 0f : Math.min(v, max);
    }

    /** Reads a count tensor entry (INT32) and bounds it to the plugin's row capacity. */
    protected final int count(ByteBuffer b, int index) {
        int n = b.getInt(index * Integer.BYTES);
        return n < 0 ? 0 : Math.min(n, maxDetections);
    }

    protected static float f(ByteBuffer b, int index) {
        return b.getFloat(index * Float.BYTES);
    }
}
