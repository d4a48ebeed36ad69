package dev.tally.engine;

import dev.tally.config.ModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks an engine's tensors against the configured model: one input of the configured dims (C,H,W, or H,W,C
 * for EfficientDet), a batch the deployment can use, and the output tensors the TAO export of that model type
 * has (with the class count where the shapes carry it). Each problem is one precise sentence.
 */
public final class EngineCheck {
    private EngineCheck() {
    }

    /** The mismatches between {@code engine} and {@code model} at {@code batch}; empty when it fits. */
    public static List<String> check(EngineInfo engine, ModelConfig model, int batch) {
        List<String> p = new ArrayList<>();
        checkInput(engine, model, batch, p);
        int classes = model.numClasses();
        switch (model.type()) {
            case DETECTNET_V2 -> {
                int gh = model.inputHeight() / model.stride();
                int gw = model.inputWidth() / model.stride();
                String grid = "input " + model.inputHeight() + "x" + model.inputWidth() + " / stride " + model.stride();
                expect(engine, p, new String[] {"output_cov/Sigmoid:0", "output_cov/Sigmoid"}, classes, gh, gw,
                        classes + " classes of model.labels, " + grid);
                expect(engine, p, new String[] {"output_bbox/BiasAdd:0", "output_bbox/BiasAdd"}, 4L * classes, gh, gw,
                        "4 box values x " + classes + " classes, " + grid);
            }
            case YOLOV3, YOLOV4, YOLOV4_TINY -> {
                for (String[] names : new BatchedNmsDecoder(model, 1, PluginDecoder.Coordinates.NORMALIZED).tensorNames()) {
                    present(engine, p, names, "BatchedNMS");
                }
            }
            case SSD, DSSD, RETINANET -> {
                EngineInfo.Tensor nms = present(engine, p, new String[] {"NMS"}, "NMS");
                present(engine, p, new String[] {"NMS_1"}, "NMS");
                if (nms != null && nms.dim(nms.rank() - 1) != 7) {
                    p.add("output NMS has rows of " + nms.dim(nms.rank() - 1) + " values, expected 7 "
                            + "(image_id, label, confidence, xmin, ymin, xmax, ymax)");
                }
            }
            case EFFICIENTDET -> {
                for (String[] names : new EfficientNmsDecoder(model, 1, PluginDecoder.Coordinates.PIXELS,
                        EfficientNmsDecoder.BoxOrder.YXYX).tensorNames()) {
                    present(engine, p, names, "EfficientNMS");
                }
            }
            case DINO, DEFORMABLE_DETR, RTDETR -> {
                present(engine, p, new String[] {"pred_boxes"}, "DETR");
                EngineInfo.Tensor logits = present(engine, p, new String[] {"pred_logits"}, "DETR");
                if (logits != null && logits.dim(logits.rank() - 1) != classes) {
                    p.add("output pred_logits has " + logits.dim(logits.rank() - 1) + " classes, model.labels has "
                            + classes);
                }
            }
            case CLASSIFIER -> {
                List<EngineInfo.Tensor> outs = engine.outputs();
                if (outs.size() != 1) {
                    p.add("a classifier engine has 1 output, this one has " + outs.size());
                } else if (outs.get(0).dim(outs.get(0).rank() - 1) != classes && outs.get(0).dim(1) != classes) {
                    p.add("output " + outs.get(0).name() + " " + Arrays.toString(outs.get(0).shape())
                            + " does not have " + classes + " classes (model.labels)");
                }
            }
        }
        return p;
    }

    private static void checkInput(EngineInfo engine, ModelConfig model, int batch, List<String> p) {
        List<EngineInfo.Tensor> inputs = engine.inputs();
        if (inputs.size() != 1) {
            p.add("expected 1 input tensor, the engine has " + inputs.size());
            return;
        }
        EngineInfo.Tensor in = inputs.get(0);
        long[] want = EngineSpec.inputDims(model);
        long[] shape = in.shape();
        if (shape.length != want.length + 1) {
            p.add("input " + in.name() + " " + Arrays.toString(shape) + " has rank " + shape.length + ", expected "
                    + (want.length + 1) + " (batch + " + Arrays.toString(want) + ")");
            return;
        }
        long[] have = Arrays.copyOfRange(shape, 1, shape.length);
        for (int i = 0; i < want.length; i++) {
            if (have[i] >= 0 && have[i] != want[i]) {
                p.add("input " + in.name() + " is " + Arrays.toString(have) + " per image, the config says "
                        + Arrays.toString(want) + " (model.input-channels/-height/-width)");
                break;
            }
        }
        long maxBatch = shape[0] >= 0 ? shape[0] : in.maxShape().length > 0 ? in.maxShape()[0] : -1;
        if (maxBatch >= 0 && maxBatch < batch) {
            p.add("engine takes at most batch " + maxBatch + ", the deployment needs " + batch
                    + " (model.batch-size or the number of cameras)");
        }
    }

    private static EngineInfo.Tensor present(EngineInfo engine, List<String> p, String[] names, String plugin) {
        EngineInfo.Tensor t = engine.find(names);
        if (t == null || t.input()) {
            p.add("missing output " + String.join(" or ", names) + " (" + plugin + " plugin output of a TAO export); "
                    + "the engine has " + outputNames(engine));
            return null;
        }
        return t;
    }

    private static void expect(EngineInfo engine, List<String> p, String[] names, long channels, long h, long w,
                               String why) {
        EngineInfo.Tensor t = present(engine, p, names, "DetectNet_v2");
        if (t == null) {
            return;
        }
        long[] s = t.shape();
        long[] per = Arrays.copyOfRange(s, Math.max(0, s.length - 3), s.length);
        long[] want = {channels, h, w};
        if (!Arrays.equals(per, want)) {
            p.add("output " + t.name() + " is " + Arrays.toString(per) + " per image, expected "
                    + Arrays.toString(want) + " (" + why + ")");
        }
    }

    private static String outputNames(EngineInfo engine) {
        return engine.outputs().stream().map(EngineInfo.Tensor::name).toList().toString();
    }
}
