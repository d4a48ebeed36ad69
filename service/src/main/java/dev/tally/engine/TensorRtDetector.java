package dev.tally.engine;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig;
import dev.tally.frame.Detections;
import dev.tally.inference.Detector;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A {@link Detector} that runs a TensorRT engine through JavaCPP, for GPU hosts without DeepStream. Device and
 * host buffers are allocated once for {@code maxBatch} images (see {@link TrtExecution}); per call the frames
 * are converted into the input tensor (colour order, {@code y = net-scale-factor * (x - offset[c])}, NCHW or
 * NHWC as the engine declares), copied in, run, copied out and decoded by the model type's
 * {@link PluginDecoder} (BatchedNMS for YOLO, NMS for SSD/DSSD/RetinaNet, EfficientNMS for EfficientDet).
 * Allocates nothing per frame. Not thread-safe. Create it only after {@link EngineManager#ensureEngine}
 * returned a ready engine and {@link TensorRtBindings#load()} reported the bindings usable.
 */
public final class TensorRtDetector implements Detector {
    private final TrtEngine trt;
    private final TrtExecution exec;
    private final PluginDecoder decoder;
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
            this.exec = new TrtExecution(trt, maxBatch);
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

    /** The decoder of the model type, bound to the execution's host output buffers by tensor name. */
    static PluginDecoder decoderFor(ModelConfig model, TrtExecution exec) {
        PluginDecoder d = switch (model.type()) {
            case YOLOV3, YOLOV4, YOLOV4_TINY -> new BatchedNmsDecoder(model,
                    (int) rows(exec, "nmsed_scores", "BatchedNMS_2", 1), PluginDecoder.Coordinates.NORMALIZED);
            case SSD, DSSD, RETINANET -> new NmsDecoder(model, (int) rows(exec, "NMS", null, 2),
                    PluginDecoder.Coordinates.NORMALIZED);
            case EFFICIENTDET -> new EfficientNmsDecoder(model, (int) rows(exec, "detection_scores", null, 1),
                    PluginDecoder.Coordinates.PIXELS, EfficientNmsDecoder.BoxOrder.YXYX);
            default -> throw TallyException.badConfig("model.type " + model.type().key + ": the "
                    + "TensorRT detector decodes BatchedNMS, NMS and EfficientNMS outputs (yolov3/v4, ssd, dssd, "
                    + "retinanet, efficientdet); use the DeepStream backend or the ONNX Runtime detector");
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
        return d;
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
}
