package dev.tally.inference;

import dev.tally.config.ModelConfig;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.frame.Detections;
import java.nio.FloatBuffer;

/**
 * Decoding and clustering of the raw (plugin-free) outputs of DetectNet_v2 and DINO / Deformable DETR models
 * over buffers someone else fills: the same {@link DetectNetV2Decoder} / {@link DetrDecoder} and
 * {@link BoxClusterer} that {@link OnnxDetector} runs, for runtimes other than ONNX Runtime (a TensorRT engine's
 * host output buffers). Built once; {@link #decode} allocates nothing. Not thread-safe.
 */
public final class RawOutputs {
    private final OutputDecoder decoder;
    private final BoxClusterer clusterer;
    private final Detections candidates;

    private RawOutputs(OutputDecoder decoder, ModelConfig model) {
        this.decoder = decoder;
        this.candidates = new Detections(Math.max(1, decoder.maxCandidates()));
        this.clusterer = new BoxClusterer(model, candidates.capacity());
    }

    /** Whether {@code type}'s outputs are decoded here (DetectNet_v2, DINO, Deformable DETR). */
    public static boolean handles(ModelType type) {
        return type == ModelType.DETECTNET_V2 || type == ModelType.DINO || type == ModelType.DEFORMABLE_DETR;
    }

    /** The two output tensors the type reads, by their TAO names (a {@code :0} suffix is accepted too). */
    public static String[] outputNames(ModelType type) {
        return type == ModelType.DETECTNET_V2
                ? new String[] {ModelBinding.COV, ModelBinding.BBOX}
                : new String[] {ModelBinding.LOGITS, ModelBinding.BOXES};
    }

    /**
     * The expected per-image shape (without the batch dimension) of output {@code i} of {@link #outputNames},
     * given the model's {@code queries} and {@code logits} for DETR types (ignored for DetectNet_v2).
     */
    public static long[] perImageShape(ModelConfig m, int i, long queries, long logits) {
        if (m.type() == ModelType.DETECTNET_V2) {
            int gh = m.inputHeight() / m.stride();
            int gw = m.inputWidth() / m.stride();
            return new long[] {(i == 0 ? 1L : 4L) * m.numClasses(), gh, gw};
        }
        return i == 0 ? new long[] {queries, logits} : new long[] {queries, 4};
    }

    /**
     * Binds the decoder to whole-batch float buffers of {@link #outputNames} (image b at {@code b * per-image
     * size}, read by absolute index).
     *
     * @param queries DETR queries per image (dimension 1 of pred_logits); ignored for DetectNet_v2
     * @param logits DETR logits per query (dimension 2 of pred_logits), at least the label count
     */
    public static RawOutputs bind(ModelConfig m, FloatBuffer first, FloatBuffer second, int queries, int logits) {
        float[] pre = new float[m.numClasses()];
        for (int c = 0; c < pre.length; c++) {
            pre[c] = m.thresholds(c).preCluster();
        }
        OutputDecoder d;
        if (m.type() == ModelType.DETECTNET_V2) {
            d = new DetectNetV2Decoder(first, second, m.numClasses(), m.inputHeight() / m.stride(),
                    m.inputWidth() / m.stride(), m.inputWidth(), m.inputHeight(), m.stride(), m.bboxNorm(),
                    m.bboxOffset(), pre);
        } else if (m.type() == ModelType.DINO || m.type() == ModelType.DEFORMABLE_DETR) {
            d = new DetrDecoder(first, second, queries, logits, m.numClasses(), m.inputWidth(), m.inputHeight(), pre);
        } else {
            throw new IllegalArgumentException("model.type " + m.type().key + " has no raw-output decoder");
        }
        return new RawOutputs(d, m);
    }

    /** Decodes and clusters image {@code image} of the last run into {@code out} (cleared first). */
    public void decode(int image, Detections out) {
        decoder.decode(image, candidates);
        clusterer.cluster(candidates, out);
    }
}
