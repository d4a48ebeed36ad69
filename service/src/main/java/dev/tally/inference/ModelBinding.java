package dev.tally.inference;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * How a loaded model is wired for {@link OnnxDetector}: the input tensor, the output tensors the configured
 * {@code model.type} reads, their full-batch shapes, the direct buffers behind them and the decoder over those
 * buffers. {@link #bind} is the startup check: every mismatch between the model and the config is one
 * {@link TallyException} line naming the model file and listing the model's real inputs and outputs.
 */
final class ModelBinding {
    static final String COV = "output_cov/Sigmoid";
    static final String BBOX = "output_bbox/BiasAdd";
    static final String LOGITS = "pred_logits";
    static final String BOXES = "pred_boxes";

    String inputName;
    long[] inputShape;
    FloatBuffer inputBuffer;
    boolean nhwc;
    boolean fixedBatch;
    int maxBatch;
    String[] outputNames;
    long[][] outputShapes;
    FloatBuffer[] outputBuffers;
    OutputDecoder decoder;

    private ModelBinding() {
    }

    static ModelBinding bind(Path path, ModelConfig model, ModelSignature sig, int wantedBatch) {
        ModelBinding b = new ModelBinding();
        ModelType type = model.type();
        switch (type) {
            case DETECTNET_V2, DINO, DEFORMABLE_DETR, RTDETR -> { }
            default -> throw TallyException.badConfig("model.type " + type.key
                    + " is not supported by the portable (ONNX Runtime) detector; supported: detectnet_v2, dino,"
                    + " deformable_detr, rtdetr");
        }
        b.nhwc = false; // NCHW for every supported type; NHWC (EfficientDet) waits for its decoder
        if (sig.inputs().size() != 1) {
            throw mismatch(path, model, sig, "expected one image input");
        }
        b.inputName = sig.inputs().keySet().iterator().next();
        long[] in = sig.shape(b.inputName);
        if (in == null || in.length != 4 || !sig.isFloat(b.inputName)) {
            throw mismatch(path, model, sig, "expected a float input of rank 4");
        }
        long[] want = b.nhwc
                ? new long[] {in[0], model.inputHeight(), model.inputWidth(), model.inputChannels()}
                : new long[] {in[0], model.inputChannels(), model.inputHeight(), model.inputWidth()};
        for (int i = 1; i < 4; i++) {
            if (in[i] >= 0 && in[i] != want[i]) {
                throw TallyException.badConfig("model " + path + " input " + b.inputName
                        + " does not match model.input-channels/-height/-width " + model.inputChannels() + "x"
                        + model.inputHeight() + "x" + model.inputWidth() + "; model has " + sig.describe());
            }
        }
        b.fixedBatch = in[0] > 0;
        b.maxBatch = b.fixedBatch ? (int) in[0] : Math.max(1, model.batchSize() > 0 ? model.batchSize() : wantedBatch);
        b.inputShape = want;
        b.inputShape[0] = b.maxBatch;
        b.inputBuffer = OnnxDetector.directFloats(product(b.inputShape));
        float[] pre = new float[model.numClasses()];
        for (int c = 0; c < pre.length; c++) {
            pre[c] = model.thresholds(c).preCluster();
        }
        if (type == ModelType.DETECTNET_V2) {
            bindDetectNet(b, path, model, sig, pre);
        } else {
            bindDetr(b, path, model, sig, pre);
        }
        return b;
    }

    private static void bindDetectNet(ModelBinding b, Path path, ModelConfig m, ModelSignature sig, float[] pre) {
        String cov = sig.findOutput(COV);
        String bbox = sig.findOutput(BBOX);
        if (cov == null || bbox == null) {
            throw mismatch(path, m, sig, "expected outputs " + COV + " and " + BBOX);
        }
        int classes = m.numClasses();
        int gh = m.inputHeight() / m.stride();
        int gw = m.inputWidth() / m.stride();
        long[] covShape = {b.maxBatch, classes, gh, gw};
        long[] boxShape = {b.maxBatch, 4L * classes, gh, gw};
        check(path, m, sig, cov, covShape);
        check(path, m, sig, bbox, boxShape);
        b.outputs(new String[] {cov, bbox}, new long[][] {covShape, boxShape});
        b.decoder = new DetectNetV2Decoder(b.outputBuffers[0], b.outputBuffers[1], classes, gh, gw,
                m.inputWidth(), m.inputHeight(), m.stride(), m.bboxNorm(), m.bboxOffset(), pre);
    }

    private static void bindDetr(ModelBinding b, Path path, ModelConfig m, ModelSignature sig, float[] pre) {
        String logits = sig.findOutput(LOGITS);
        String boxes = sig.findOutput(BOXES);
        if (logits == null || boxes == null) {
            throw mismatch(path, m, sig, "expected outputs " + LOGITS + " and " + BOXES);
        }
        long[] ls = sig.shape(logits);
        long[] bs = sig.shape(boxes);
        if (ls == null || bs == null || ls.length != 3 || bs.length != 3 || ls[1] <= 0 || ls[2] <= 0
                || bs[2] != 4 || ls[2] < m.numClasses()) {
            throw mismatch(path, m, sig, "expected " + LOGITS + " [N,queries," + m.numClasses() + "+] and "
                    + BOXES + " [N,queries,4] with fixed queries");
        }
        long[] logitShape = {b.maxBatch, ls[1], ls[2]};
        long[] boxShape = {b.maxBatch, ls[1], 4};
        check(path, m, sig, boxes, boxShape);
        b.outputs(new String[] {logits, boxes}, new long[][] {logitShape, boxShape});
        b.decoder = m.type() == ModelType.RTDETR
                ? new RtDetrDecoder(b.outputBuffers[0], b.outputBuffers[1], (int) ls[1], (int) ls[2],
                        m.numClasses(), m.inputWidth(), m.inputHeight(), pre)
                : new DetrDecoder(b.outputBuffers[0], b.outputBuffers[1], (int) ls[1], (int) ls[2],
                        m.numClasses(), m.inputWidth(), m.inputHeight(), pre);
    }

    private void outputs(String[] names, long[][] shapes) {
        outputNames = names;
        outputShapes = shapes;
        outputBuffers = new FloatBuffer[names.length];
        for (int i = 0; i < names.length; i++) {
            outputBuffers[i] = OnnxDetector.directFloats(product(shapes[i]));
        }
    }

    /** Fixed dims of the model's output must equal what the config implies (dim 0 is the batch). */
    private static void check(Path path, ModelConfig m, ModelSignature sig, String name, long[] expected) {
        long[] actual = sig.shape(name);
        boolean ok = actual != null && actual.length == expected.length && sig.isFloat(name);
        for (int i = 1; ok && i < expected.length; i++) {
            ok = actual[i] < 0 || actual[i] == expected[i];
        }
        if (!ok) {
            StringBuilder s = new StringBuilder("N");
            for (int i = 1; i < expected.length; i++) {
                s.append('x').append(expected[i]);
            }
            throw mismatch(path, m, sig, "expected output " + name + " " + s + " float (from "
                    + m.numClasses() + " labels, input " + m.inputHeight() + "x" + m.inputWidth() + ", stride "
                    + m.stride() + ")");
        }
    }

    private static TallyException mismatch(Path path, ModelConfig m, ModelSignature sig, String expected) {
        return TallyException.badConfig("model " + path + " does not look like " + m.type().key
                + ": " + expected + ", model has " + sig.describe());
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }
}
