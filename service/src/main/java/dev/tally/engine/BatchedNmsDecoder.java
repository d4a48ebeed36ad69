package dev.tally.engine;

import dev.tally.config.ModelConfig;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;

/**
 * Decodes the BatchedNMS plugin outputs of TAO YOLOv3 / YOLOv4 / YOLOv4-tiny exports:
 * {@code num_detections} INT32 [B,1], {@code nmsed_boxes} FLOAT [B,K,4] as x1,y1,x2,y2,
 * {@code nmsed_scores} FLOAT [B,K], {@code nmsed_classes} FLOAT [B,K]. TAO exports normalised boxes.
 */
public final class BatchedNmsDecoder extends PluginDecoder {
    private static final String[][] NAMES = {
        {"num_detections", "BatchedNMS"}, {"nmsed_boxes", "BatchedNMS_1"},
        {"nmsed_scores", "BatchedNMS_2"}, {"nmsed_classes", "BatchedNMS_3"}};

    public BatchedNmsDecoder(ModelConfig model, int keepTopK, Coordinates coordinates) {
        super(model, keepTopK, coordinates, 4);
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
        for (int i = 0; i < n; i++) {
            int r = row0 + i;
            int b = r * 4;
            emit(out, (int) f(classes, r), f(scores, r), f(boxes, b), f(boxes, b + 1), f(boxes, b + 2), f(boxes, b + 3));
        }
    }
}
