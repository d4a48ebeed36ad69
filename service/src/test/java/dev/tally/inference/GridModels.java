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
}
