package dev.tally.dataset;

/**
 * One labelled object of a dataset image: class label and box corners in pixels of that image
 * (x1,y1 top-left, x2,y2 bottom-right, as in KITTI's xmin ymin xmax ymax).
 */
public record LabeledBox(String label, float x1, float y1, float x2, float y2) {
    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }
}
