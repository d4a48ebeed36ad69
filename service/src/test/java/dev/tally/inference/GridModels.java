package dev.tally.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real DetectNet_v2-shaped ONNX model for tests: input {@code input_1 [batch, 3, 32, 48]} pooled into a
 * 3x2 grid of 16x16 cells; {@code output_cov/Sigmoid = sigmoid(10 * mean - 5)} per channel (so a cell filled
 * with one pure colour scores 0.9933 in that channel and 0.0067 elsewhere), and {@code output_bbox/BiasAdd}
 * channels equal to the pooled channels repeated {@code (c0, c1, c2, c0, c1, c2, ...)}.
 */
public final class GridModels {
    public static final int WIDTH = 48;
    public static final int HEIGHT = 32;

    private GridModels() {
    }

    /** Writes the model; {@code batch} null makes the batch dimension dynamic. */
    public static Path write(Path file, Long batch) throws IOException {
        OnnxModelWriter w = new OnnxModelWriter()
                .input("input_1", batch, 3L, (long) HEIGHT, (long) WIDTH)
                .output("output_cov/Sigmoid", batch, 3L, 2L, 3L)
                .output("output_bbox/BiasAdd", batch, 12L, 2L, 3L)
                .constant("ten", new long[0], 10f)
                .constant("five", new long[0], 5f)
                .node("AveragePool", new String[] {"input_1"}, new String[] {"pooled"},
                        "kernel_shape", new long[] {16, 16}, "strides", new long[] {16, 16})
                .node("Mul", new String[] {"pooled", "ten"}, new String[] {"scaled"})
                .node("Sub", new String[] {"scaled", "five"}, new String[] {"shifted"})
                .node("Sigmoid", new String[] {"shifted"}, new String[] {"output_cov/Sigmoid"})
                .node("Concat", new String[] {"pooled", "pooled", "pooled", "pooled"},
                        new String[] {"output_bbox/BiasAdd"}, "axis", 1L);
        Files.write(file, w.bytes());
        return file;
    }

    /**
     * A DINO-shaped model of batch 1 over the same grid: query q = gy * 3 + gx of the 6 cells;
     * {@code pred_logits [1, 6, 3]} = the cell's mean R, G, B (0..1); {@code pred_boxes [1, 6, 4]} = (R, G, B,
     * mean of the three). A mid-grey cell (128, 128, 128) gives class 0 at sigmoid(0.502) = 0.623 with the
     * box centred at (0.502 * 48, 0.502 * 32), 0.502 of the input wide and high.
     */
    public static Path writeDetr(Path file) throws IOException {
        OnnxModelWriter w = new OnnxModelWriter()
                .input("inputs", 1L, 3L, (long) HEIGHT, (long) WIDTH)
                .output("pred_logits", 1L, 6L, 3L)
                .output("pred_boxes", 1L, 6L, 4L)
                .longs("shape", 1, 3, 6)
                .node("AveragePool", new String[] {"inputs"}, new String[] {"pooled"},
                        "kernel_shape", new long[] {16, 16}, "strides", new long[] {16, 16})
                .node("Reshape", new String[] {"pooled", "shape"}, new String[] {"flat"})
                .node("Transpose", new String[] {"flat"}, new String[] {"pred_logits"}, "perm", new long[] {0, 2, 1})
                .node("ReduceMean", new String[] {"pred_logits"}, new String[] {"mean"}, "axes", new long[] {2},
                        "keepdims", 1L)
                .node("Concat", new String[] {"pred_logits", "mean"}, new String[] {"pred_boxes"}, "axis", 2L);
        Files.write(file, w.bytes());
        return file;
    }
}
