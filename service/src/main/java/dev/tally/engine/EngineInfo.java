package dev.tally.engine;

import java.util.Arrays;
import java.util.List;

/**
 * What an engine file declares: the TensorRT version that loaded it and its I/O tensors.
 *
 * @param tensorRtVersion version of the TensorRT library that deserialised the engine (engines load only in
 *                        the version that built them)
 */
public record EngineInfo(String tensorRtVersion, List<Tensor> tensors) {

    public EngineInfo {
        tensors = List.copyOf(tensors);
    }

    /**
     * One I/O tensor. {@code shape} may hold -1 for dynamic dimensions; {@code maxShape} is the largest shape
     * of optimisation profile 0 for inputs (equal to shape when static; empty for outputs).
     */
    public record Tensor(String name, boolean input, long[] shape, String dataType, long[] maxShape) {
        public Tensor {
            shape = shape.clone();
            maxShape = maxShape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public long[] maxShape() {
            return maxShape.clone();
        }

        public long dim(int i) {
            return i < shape.length ? shape[i] : 0;
        }

        public int rank() {
            return shape.length;
        }

        /** e.g. "input  Input  FLOAT  [-1, 3, 544, 960]  max [4, 3, 544, 960]". */
        public String describe() {
            return (input ? "input " : "output") + "  " + name + "  " + dataType + "  " + Arrays.toString(shape)
                    + (input && maxShape.length > 0 ? "  max " + Arrays.toString(maxShape) : "");
        }
    }

    public List<Tensor> inputs() {
        return tensors.stream().filter(Tensor::input).toList();
    }

    public List<Tensor> outputs() {
        return tensors.stream().filter(t -> !t.input()).toList();
    }

    /** The tensor with one of these names, or null. */
    public Tensor find(String... names) {
        for (String n : names) {
            for (Tensor t : tensors) {
                if (t.name().equals(n)) {
                    return t;
                }
            }
        }
        return null;
    }
}
