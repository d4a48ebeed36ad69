package dev.tally.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The inputs and outputs of a loaded ONNX model, with their shapes, as startup checks need them: find a
 * tensor by its TAO name (ignoring a {@code :0} suffix) and describe the whole model in one line, e.g.
 * {@code inputs [images 1x3x640x640 float] outputs [output0 1x84x8400 float]} (dynamic dims print as their
 * symbolic name, or {@code ?}).
 */
final class ModelSignature {
    private final Map<String, NodeInfo> inputs;
    private final Map<String, NodeInfo> outputs;

    ModelSignature(OrtSession session) throws OrtException {
        this.inputs = session.getInputInfo();
        this.outputs = session.getOutputInfo();
    }

    Map<String, NodeInfo> inputs() {
        return inputs;
    }

    /** The output named {@code name} or {@code name:0}, or null. */
    String findOutput(String name) {
        for (String n : outputs.keySet()) {
            if (n.equals(name) || n.equals(name + ":0")) {
                return n;
            }
        }
        return null;
    }

    /** Shape of a tensor of this model ({@code -1} for dynamic dims), or null when it is not a tensor. */
    long[] shape(String name) {
        NodeInfo info = inputs.containsKey(name) ? inputs.get(name) : outputs.get(name);
        return info != null && info.getInfo() instanceof TensorInfo t ? t.getShape() : null;
    }

    boolean isFloat(String name) {
        NodeInfo info = inputs.containsKey(name) ? inputs.get(name) : outputs.get(name);
        return info != null && info.getInfo() instanceof TensorInfo t
                && t.type == ai.onnxruntime.OnnxJavaType.FLOAT;
    }

    /** {@code inputs [..] outputs [..]}. */
    String describe() {
        return "inputs " + list(inputs) + " outputs " + list(outputs);
    }

    private static String list(Map<String, NodeInfo> nodes) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (NodeInfo n : nodes.values()) {
            j.add(n.getName() + " " + describe(n.getInfo()));
        }
        return j.toString();
    }

    private static String describe(ValueInfo v) {
        if (!(v instanceof TensorInfo t)) {
            return v.toString();
        }
        long[] shape = t.getShape();
        String[] names = t.getDimensionNames();
        StringJoiner dims = new StringJoiner("x");
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0) {
                dims.add(Long.toString(shape[i]));
            } else {
                dims.add(names != null && i < names.length && !names[i].isEmpty() ? names[i] : "?");
            }
        }
        return dims + " " + t.type.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
