package dev.tally.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * KITTI detection datasets in TAO's layout: {@code DIR/images/NAME.png|jpg} and {@code DIR/labels/NAME.txt},
 * one object per label line {@code class 0 0 0 xmin ymin xmax ymax 0 0 0 0 0 0 0} (pixels; only the class
 * and the four box fields are used, a 16th score field is tolerated). Class names contain no spaces.
 */
public final class Kitti {
    private Kitti() {
    }

    /** What a KITTI directory holds, with every problem found while reading it (never thrown). */
    public record Scan(List<LabeledImage> images, List<String> problems) {
    }

    /** Reads a dataset; throws {@link DatasetException} naming the first problem (missing label, bad line). */
    public static List<LabeledImage> read(Path dir) {
        Scan scan = scan(dir);
        if (!scan.problems().isEmpty()) {
            throw new DatasetException(scan.problems().get(0)
                    + (scan.problems().size() > 1 ? " (and " + (scan.problems().size() - 1) + " more problems)" : ""));
        }
        return scan.images();
    }

    /**
     * Reads what can be read: images with their labels (an image whose label file is missing or broken is
     * kept with the boxes that parsed), and a list of problems: missing directories, images without labels,
     * labels without images, malformed lines, unreadable images.
     */
    public static Scan scan(Path dir) {
        List<String> problems = new ArrayList<>();
        Path imagesDir = dir.resolve("images"), labelsDir = dir.resolve("labels");
        if (!Files.isDirectory(imagesDir)) {
            problems.add(imagesDir + ": missing images directory");
        }
        if (!Files.isDirectory(labelsDir)) {
            problems.add(labelsDir + ": missing labels directory");
        }
        if (!problems.isEmpty()) {
            return new Scan(List.of(), problems);
        }
        Map<String, Path> labelFiles = new HashMap<>();
        for (Path p : list(labelsDir)) {
            String n = p.getFileName().toString();
            if (n.endsWith(".txt")) {
                labelFiles.put(n.substring(0, n.length() - 4), p);
            }
        }
        List<LabeledImage> images = new ArrayList<>();
        for (Path img : list(imagesDir)) {
            if (!Images.isImage(img)) {
                continue;
            }
            String name = img.getFileName().toString();
            String stem = name.substring(0, name.lastIndexOf('.'));
            Path label = labelFiles.remove(stem);
            int[] size;
            try {
                size = Images.size(img);
            } catch (DatasetException e) {
                problems.add(e.getMessage());
                continue;
            }
            List<LabeledBox> boxes = new ArrayList<>();
            if (label == null) {
                problems.add(img + ": no label file " + labelsDir.resolve(stem + ".txt"));
            } else {
                parseLabels(label, boxes, problems);
            }
            images.add(new LabeledImage(img, size[0], size[1], boxes));
        }
        labelFiles.values().stream().sorted()
                .forEach(p -> problems.add(p + ": label file without an image in " + imagesDir));
        return new Scan(images, problems);
    }

    /** Parses one label file into boxes; malformed lines become problems naming file:line. */
    static void parseLabels(Path file, List<LabeledBox> boxes, List<String> problems) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(file + ": cannot read: " + e.getMessage());
            return;
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] t = line.split("\\s+");
            if (t.length != 15 && t.length != 16) {
                problems.add(file + ":" + (n + 1) + ": expected 15 fields (class 0 0 0 xmin ymin xmax ymax 0 0 0 0 0 0 0),"
                        + " got " + t.length);
                continue;
            }
            try {
                boxes.add(new LabeledBox(t[0], Float.parseFloat(t[4]), Float.parseFloat(t[5]),
                        Float.parseFloat(t[6]), Float.parseFloat(t[7])));
            } catch (NumberFormatException e) {
                problems.add(file + ":" + (n + 1) + ": box fields 5..8 must be numbers, got '" + line + "'");
            }
        }
    }

    /** The label file text of boxes, one KITTI line each. */
    public static String format(List<LabeledBox> boxes) {
        StringBuilder sb = new StringBuilder();
        for (LabeledBox b : boxes) {
            if (b.label().isEmpty() || b.label().chars().anyMatch(Character::isWhitespace)) {
                throw new DatasetException("KITTI class names cannot be empty or contain spaces: '" + b.label() + "'");
            }
            sb.append(b.label()).append(" 0 0 0 ")
                    .append(String.format(Locale.ROOT, "%.2f %.2f %.2f %.2f", b.x1(), b.y1(), b.x2(), b.y2()))
                    .append(" 0 0 0 0 0 0 0\n");
        }
        return sb.toString();
    }

    /** Writes DIR/labels/STEM.txt for boxes. */
    public static void writeLabels(Path dir, String stem, List<LabeledBox> boxes) {
        try {
            Path labels = Files.createDirectories(dir.resolve("labels"));
            Files.writeString(labels.resolve(stem + ".txt"), format(boxes), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write labels into " + dir, e);
        }
    }

    /**
     * Writes a whole dataset: copies each image into DIR/images (unless it is already there) and writes its
     * labels. Image file names must be unique.
     */
    public static void write(Path dir, List<LabeledImage> images) {
        try {
            Path imagesDir = Files.createDirectories(dir.resolve("images"));
            for (LabeledImage img : images) {
                Path target = imagesDir.resolve(img.image().getFileName().toString());
                if (!Files.exists(target) || !Files.isSameFile(target, img.image())) {
                    Files.copy(img.image(), target, StandardCopyOption.REPLACE_EXISTING);
                }
                writeLabels(dir, img.stem(), img.boxes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dataset " + dir, e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
