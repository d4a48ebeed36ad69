package dev.tally.engine;

import dev.tally.config.ModelConfig;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;

/**
 * Decodes the EfficientNMS plugin outputs of TAO EfficientDet exports: {@code num_detections} INT32 [B,1],
 * {@code detection_boxes} FLOAT [B,K,4], {@code detection_scores} FLOAT [B,K], {@code detection_classes}
 * INT32 [B,K]. TAO EfficientDet writes boxes as ymin,xmin,ymax,xmax in input pixels ({@link BoxOrder#YXYX});
 * the generic plugin default is x1,y1,x2,y2.
 */
public final class EfficientNmsDecoder extends PluginDecoder {
    /** Order of the four box values of one detection. */
    public enum BoxOrder { XYXY, YXYX }

    private static final String[][] NAMES = {
        {"num_detections"}, {"detection_boxes"}, {"detection_scores"}, {"detection_classes"}};

    private final BoxOrder order;

    public EfficientNmsDecoder(ModelConfig model, int maxDetections, Coordinates coordinates, BoxOrder order) {
        super(model, maxDetections, coordinates, 4);
        this.order = order;
    }

    @Override
    public String[][] tensorNames() {
        return NAMES;
    }

    @Override
    protected void decodeImage(int image, Detections out) {
        ByteBuffer boxes = tensors[1];
        ByteBuffer scores = tensors[2];
        ByteBuffer classes = tensors[3];
        int n = count(tensors[0], image);
        int row0 = image * maxDetections;
        boolean yx = order == BoxOrder.YXYX;
        for (int i = 0; i < n; i++) {
            int r = row0 + i;
            int b = r * 4;
            float a0 = f(boxes, b);
            float a1 = f(boxes, b + 1);
            float a2 = f(boxes, b + 2);
            float a3 = f(boxes, b + 3);
            int cls = classes.getInt(r * Integer.BYTES);
            if (yx) {
                emit(out, cls, f(scores, r), a1, a0, a3, a2);
            } else {
                emit(out, cls, f(scores, r), a0, a1, a2, a3);
            }
        }
    }
}
