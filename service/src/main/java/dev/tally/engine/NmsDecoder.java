package dev.tally.engine;

import dev.tally.config.ModelConfig;
import dev.tally.frame.Detections;
import java.nio.ByteBuffer;

/**
 * Decodes the NMS plugin outputs of TAO SSD / DSSD / RetinaNet exports: {@code NMS} FLOAT [B,1,K,7], rows of
 * image_id, label, confidence, xmin, ymin, xmax, ymax (normalised), and {@code NMS_1} INT32 [B,1,1,1], the
 * number of valid rows per image. Rows whose image_id is not the decoded image (the plugin pads with -1) are
 * skipped.
 */
public final class NmsDecoder extends PluginDecoder {
    private static final String[][] NAMES = {{"NMS"}, {"NMS_1"}};

    public NmsDecoder(ModelConfig model, int keepTopK, Coordinates coordinates) {
        super(model, keepTopK, coordinates, 2);
    }

    @Override
    public String[][] tensorNames() {
        return NAMES;
    }

    @Override
    protected void decodeImage(int image, Detections out) {
        ByteBuffer rows = tensors[0];
        int n = count(tensors[1], image);
        int base = image * maxDetections * 7;
        for (int i = 0; i < n; i++) {
            int o = base + i * 7;
            if ((int) f(rows, o) != image) {
                continue;
            }
            emit(out, (int) f(rows, o + 1), f(rows, o + 2), f(rows, o + 3), f(rows, o + 4), f(rows, o + 5), f(rows, o + 6));
        }
    }
}
