package dev.tally.engine;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import dev.tally.frame.Detections;
import dev.tally.inference.Detector;
import dev.tally.inference.RawOutputs;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A {@link Detector} that runs a TensorRT engine through JavaCPP, for GPU hosts without DeepStream. Device and
 * host buffers are allocated once for {@code maxBatch} images (see {@link TrtExecution}); per call the frames
 * are converted into the input tensor (colour order, {@code y = net-scale-factor * (x - offset[c])}, NCHW or
 * NHWC as the engine declares), copied in, run, copied out and decoded by the model type's decoder: the
 * {@link PluginDecoder} of a TensorRT NMS plugin (BatchedNMS for YOLO, NMS for SSD/DSSD/RetinaNet, EfficientNMS
 * for EfficientDet), or, for raw outputs (DetectNet_v2 grids, DINO / Deformable DETR queries), the same
 * {@link RawOutputs} decoder and clusterer the ONNX Runtime detector uses. Allocates nothing per frame. Not thread-safe. Create it only after {@link EngineManager#ensureEngine}
 * returned a ready engine and {@link TensorRtBindings#load()} reported the bindings usable.
 */
public final class TensorRtDetector implements Detector {
    private final TrtEngine trt;
    private final TrtExecution exec;
    private final ImageDecoder decoder;
    private final ModelConfig model;
    private final InputPacker packer;
    private final ByteBuffer[] one = new ByteBuffer[1];
    private final Detections[] oneOut = new Detections[1];

    public TensorRtDetector(Path engineFile, ModelConfig model, int maxBatch) {
        TensorRtAvailability a = TensorRtBindings.load();
        if (!a.usable()) {
            throw TallyException.missingDependency(a.reason());
        }
        this.model = model;
        this.trt = TrtEngine.load(engineFile, a.version());
        try {
            this.exec = new TrtExecution(trt, Math.min(maxBatch, engineBatch(trt.info())));
            EngineInfo.Tensor in = exec.tensors.get(exec.inputIndex());
            if (!"FLOAT".equals(in.dataType())) {
                throw TallyException.badConfig("engine input " + in.name() + " is " + in.dataType()
                        + "; TensorRtDetector feeds FLOAT inputs");
            }
            long[] s = in.shape();
            boolean nhwc = s.length == 4 && s[3] == model.inputChannels() && s[1] != model.inputChannels();
            packer = new InputPacker(model, nhwc);
            decoder = decoderFor(model, exec);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The most images one run of the engine takes: its fixed batch, or its profile's largest. */
    static int engineBatch(EngineInfo info) {
        for (EngineInfo.Tensor t : info.tensors()) {
            if (t.input()) {
                long b = t.shape()[0] > 0 ? t.shape()[0] : t.maxShape().length > 0 ? t.maxShape()[0] : 1;
                return (int) Math.max(1, b);
            }
        }
        throw TallyException.badConfig("engine has no input tensor");
    }

    /** Decodes image i of the last run into out (cleared first). */
    interface ImageDecoder {
        void decode(int image, Detections out);
    }

    /** The decoder of the model type, bound to the execution's host output buffers by tensor name. */
    static ImageDecoder decoderFor(ModelConfig model, TrtExecution exec) {
        if (RawOutputs.handles(model.type())) {
            return rawDecoder(model, exec);
        }
        PluginDecoder d = switch (model.type()) {
            case YOLOV3, YOLOV4, YOLOV4_TINY -> new BatchedNmsDecoder(model,
                    (int) rows(exec, "nmsed_scores", "BatchedNMS_2", 1), PluginDecoder.Coordinates.NORMALIZED);
            case SSD, DSSD, RETINANET -> new NmsDecoder(model, (int) rows(exec, "NMS", null, 2),
                    PluginDecoder.Coordinates.NORMALIZED);
            case EFFICIENTDET -> new EfficientNmsDecoder(model, (int) rows(exec, "detection_scores", null, 1),
                    PluginDecoder.Coordinates.PIXELS, EfficientNmsDecoder.BoxOrder.YXYX);
            default -> throw TallyException.badConfig("model.type " + model.type().key + ": the "
                    + "TensorRT detector decodes detectnet_v2, dino, deformable_detr and the BatchedNMS, NMS and "
                    + "EfficientNMS plugin outputs (yolov3/v4, ssd, dssd, retinanet, efficientdet)");
        };
        String[][] names = d.tensorNames();
        ByteBuffer[] bufs = new ByteBuffer[names.length];
        for (int i = 0; i < names.length; i++) {
            int idx = -1;
            for (String n : names[i]) {
                idx = idx >= 0 ? idx : exec.indexOf(n);
            }
            if (idx < 0) {
                throw TallyException.badConfig("engine has no output " + String.join(" or ", names[i])
                        + " expected for model.type " + model.type().key + "; run 'tally engine inspect'");
            }
            bufs[i] = exec.host(idx);
        }
        d.bind(bufs);
        return d::decode;
    }

    /** DetectNet_v2 / DETR raw outputs: FLOAT tensors checked against the config, decoded as ONNX Runtime's are. */
    private static ImageDecoder rawDecoder(ModelConfig model, TrtExecution exec) {
        String[] names = RawOutputs.outputNames(model.type());
        int[] idx = new int[2];
        for (int i = 0; i < 2; i++) {
            idx[i] = exec.indexOf(names[i]) >= 0 ? exec.indexOf(names[i]) : exec.indexOf(names[i] + ":0");
            if (idx[i] < 0 || exec.tensors.get(idx[i]).input()) {
                throw TallyException.badConfig("engine has no output " + names[i] + " expected for "
                        + "model.type " + model.type().key + "; run 'tally engine inspect'");
            }
        }
        long[] first = exec.tensors.get(idx[0]).shape();
        long queries = first.length == 3 ? first[1] : 0;
        long logits = first.length == 3 ? first[2] : 0;
        for (int i = 0; i < 2; i++) {
            EngineInfo.Tensor t = exec.tensors.get(idx[i]);
            long[] want = RawOutputs.perImageShape(model, i, queries, logits);
            long[] have = java.util.Arrays.copyOfRange(t.shape(), 1, t.shape().length);
            if (!"FLOAT".equals(t.dataType()) || !java.util.Arrays.equals(want, have)
                    || (i == 0 && model.type() != ModelConfig.ModelType.DETECTNET_V2 && logits < model.numClasses())) {
                throw TallyException.badConfig("engine output " + t.name() + " is "
                        + java.util.Arrays.toString(have) + " " + t.dataType() + " per image; model.type "
                        + model.type().key + " with " + model.numClasses() + " labels, input " + model.inputHeight()
                        + "x" + model.inputWidth() + " expects " + java.util.Arrays.toString(want) + " FLOAT");
            }
        }
        RawOutputs raw = RawOutputs.bind(model, exec.host(idx[0]).asFloatBuffer(), exec.host(idx[1]).asFloatBuffer(),
                (int) queries, (int) logits);
        return raw::decode;
    }

    /** The row count K of a plugin output: dimension {@code fromEnd} counted from the last one. */
    private static long rows(TrtExecution exec, String name, String alt, int fromEnd) {
        int i = exec.indexOf(name);
        if (i < 0 && alt != null) {
            i = exec.indexOf(alt);
        }
        if (i < 0) {
            throw TallyException.badConfig("engine has no output " + name + "; run 'tally engine inspect'");
        }
        long[] s = exec.tensors.get(i).shape();
        return s[s.length - fromEnd];
    }

    @Override
    public int inputWidth() {
        return model.inputWidth();
    }

    @Override
    public int inputHeight() {
        return model.inputHeight();
    }

    @Override
    public int maxBatch() {
        return exec.maxBatch;
    }

    @Override
    public void detect(ByteBuffer rgb, Detections out) {
        one[0] = rgb;
        oneOut[0] = out;
        detectBatch(one, oneOut, 1);
        one[0] = null;
        oneOut[0] = null;
    }

    @Override
    public void detectBatch(ByteBuffer[] rgb, Detections[] out, int n) {
        exec.setBatch(n);
        ByteBuffer input = exec.host(exec.inputIndex());
        for (int i = 0; i < n; i++) {
            packer.pack(rgb[i], input, i);
        }
        exec.copyIn();
        exec.enqueue();
        exec.copyOut();
        exec.sync();
        for (int i = 0; i < n; i++) {
            decoder.decode(i, out[i]);
        }
    }

    @Override
    public void close() {
        if (exec != null) {
            exec.close();
        }
        trt.close();
    }

    /**
     * The output tensors of image {@code image} of the last run as text, one line per tensor:
     * {@code raw NAME v0 v1 ...} (at most {@code maxValues} values; INT32 tensors print integers). For checking
     * decoders against the engine's own outputs ({@code tally engine detect --raw}); allocates, not for the hot path.
     */
    public String rawOutputs(int image, int maxValues) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < exec.tensors.size(); i++) {
            EngineInfo.Tensor t = exec.tensors.get(i);
            if (t.input()) {
                continue;
            }
            long[] shape = t.shape();
            long per = TrtEngine.volume(java.util.Arrays.copyOfRange(shape, 1, shape.length));
            boolean ints = "INT32".equals(t.dataType());
            ByteBuffer b = exec.host(i);
            s.append("raw ").append(t.name());
            for (long k = 0; k < Math.min(per, maxValues); k++) {
                int at = (int) ((image * per + k) * 4);
                s.append(' ').append(ints ? Integer.toString(b.getInt(at)) : Float.toString(b.getFloat(at)));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
