package dev.tally.dataset;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/** Writes tiny KITTI datasets for the dataset tests. */
final class DatasetTestSupport {
    private DatasetTestSupport() {
    }

    static LabeledImage image(Path dir, String stem, int w, int h, List<LabeledBox> boxes) {
        Path file = dir.resolve("images").resolve(stem + ".png");
        Images.write(new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR), file, 0.9f);
        Kitti.writeLabels(dir, stem, boxes);
        return new LabeledImage(file, w, h, boxes);
    }
}
