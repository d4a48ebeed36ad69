package dev.tally.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a KITTI dataset before training or evaluation: missing label files or images, malformed label lines,
 * classes outside the known labels, boxes outside the image, degenerate boxes (zero or negative width or
 * height, NaN); counts boxes per class. Every problem is reported, each naming the file (and line where the
 * label file has one).
 */
public final class DatasetValidator {
    private DatasetValidator() {
    }

    /** The outcome: image and box counts, boxes per class (known classes first), problems (empty = valid). */
    public record Report(Path dir, int images, int boxes, Map<String, Integer> histogram, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Report validate(Path dir, List<String> labels) {
        Kitti.Scan scan = Kitti.scan(dir);
        List<String> problems = new ArrayList<>(scan.problems());
        Map<String, Integer> histogram = new LinkedHashMap<>();
        labels.forEach(l -> histogram.put(l, 0));
        int boxes = 0;
        for (LabeledImage img : scan.images()) {
            Path label = dir.resolve("labels").resolve(img.stem() + ".txt");
            for (int i = 0; i < img.boxes().size(); i++) {
                LabeledBox b = img.boxes().get(i);
                boxes++;
                histogram.merge(b.label(), 1, Integer::sum);
                String where = label + " box " + (i + 1) + " (" + b.label() + String.format(Locale.ROOT,
                        " %.1f %.1f %.1f %.1f)", b.x1(), b.y1(), b.x2(), b.y2());
                if (!labels.contains(b.label())) {
                    problems.add(where + ": unknown class '" + b.label() + "' (known: " + String.join(", ", labels) + ")");
                }
                if (!(b.x2() > b.x1()) || !(b.y2() > b.y1())) {
                    problems.add(where + ": degenerate box (xmax must be > xmin and ymax > ymin)");
                } else if (b.x1() < 0 || b.y1() < 0 || b.x2() > img.width() || b.y2() > img.height()) {
                    problems.add(where + ": box outside the " + img.width() + "x" + img.height() + " image");
                }
            }
        }
        return new Report(dir, scan.images().size(), boxes, histogram, problems);
    }
}
