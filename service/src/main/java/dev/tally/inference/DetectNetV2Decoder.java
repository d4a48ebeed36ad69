package dev.tally.inference;

import dev.tally.frame.Detections;
import java.nio.FloatBuffer;

/**
 * Decodes TAO DetectNet_v2 grid outputs. {@code output_cov/Sigmoid} is {@code [N, C, gh, gw]}: the coverage
 * (confidence) of class c in grid cell (gy, gx). {@code output_bbox/BiasAdd} is {@code [N, 4C, gh, gw]}:
 * channels {@code 4c..4c+3} hold, for class c, the distances from the cell centre to the box's left, top,
 * right and bottom edges divided by {@code bbox-norm}. The cell centre is
 * {@code (gx * stride + bbox-offset, gy * stride + bbox-offset)} input pixels, so
 *
 * <pre>
 *   x1 = cx - bbox[4c+0] * norm     y1 = cy - bbox[4c+1] * norm
 *   x2 = cx + bbox[4c+2] * norm     y2 = cy + bbox[4c+3] * norm
 * </pre>
 *
 * which is nvinfer's built-in DetectNet parser. Boxes are clipped to the input image; cells whose coverage
 * is below the class's pre-cluster threshold, and boxes empty after clipping, are skipped.
 */
final class DetectNetV2Decoder implements OutputDecoder {
    private final FloatBuffer cov;
    private final FloatBuffer bbox;
    private final int classes;
    private final int gridH;
    private final int gridW;
    private final float inputW;
    private final float inputH;
    private final int stride;
    private final float norm;
    private final float offset;
    private final float[] preCluster;

    /**
     * @param cov  coverage output for the whole batch, frame b starting at {@code b * C * gh * gw}
     * @param bbox box output for the whole batch, frame b starting at {@code b * 4C * gh * gw}
     */
    DetectNetV2Decoder(FloatBuffer cov, FloatBuffer bbox, int classes, int gridH, int gridW, int inputW,
            int inputH, int stride, float norm, float offset, float[] preCluster) {
        this.cov = cov;
        this.bbox = bbox;
        this.classes = classes;
        this.gridH = gridH;
        this.gridW = gridW;
        this.inputW = inputW;
        this.inputH = inputH;
        this.stride = stride;
        this.norm = norm;
        this.offset = offset;
        this.preCluster = preCluster.clone();
    }

    @Override
    public int maxCandidates() {
        return classes * gridH * gridW;
    }

    @Override
    public void decode(int batchIndex, Detections candidates) {
        candidates.clear();
        int plane = gridH * gridW;
        int covBase = batchIndex * classes * plane;
        int boxBase = batchIndex * 4 * classes * plane;
        for (int c = 0; c < classes; c++) {
            float threshold = preCluster[c];
            int covPlane = covBase + c * plane;
            int boxPlane = boxBase + 4 * c * plane;
            for (int gy = 0; gy < gridH; gy++) {
                float cy = gy * stride + offset;
                for (int gx = 0; gx < gridW; gx++) {
                    int cell = gy * gridW + gx;
                    float score = cov.get(covPlane + cell);
                    if (score < threshold) {
                        continue;
                    }
                    float cx = gx * stride + offset;
                    int b = boxPlane + cell;
                    float x1 = clip(cx - bbox.get(b) * norm, inputW);
                    float y1 = clip(cy - bbox.get(b + plane) * norm, inputH);
                    float x2 = clip(cx + bbox.get(b + 2 * plane) * norm, inputW);
                    float y2 = clip(cy + bbox.get(b + 3 * plane) * norm, inputH);
                    if (x2 > x1 && y2 > y1) {
                        candidates.add(c, score, x1, y1, x2, y2, Detections.UNTRACKED);
                    }
                }
            }
        }
    }

    private static float clip(float v, float max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
