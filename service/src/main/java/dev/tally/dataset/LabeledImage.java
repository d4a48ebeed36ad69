package dev.tally.dataset;

import java.nio.file.Path;
import java.util.List;

/** One dataset image (file, pixel size) with its labelled boxes. */
public record LabeledImage(Path image, int width, int height, List<LabeledBox> boxes) {
    public LabeledImage {
        boxes = List.copyOf(boxes);
    }

    /** The image file name without its extension (the KITTI label file's stem). */
    public String stem() {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
