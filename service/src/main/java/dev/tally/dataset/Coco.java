package dev.tally.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * COCO detection annotation files: {@code images} (id, file_name, width, height), {@code annotations}
 * (image_id, category_id, bbox = [x, y, width, height] in pixels) and {@code categories} (id, name). Image
 * file names are relative to the JSON file's directory. Written with category ids 1..n in the given label
 * order; read with whatever ids the file uses.
 */
public final class Coco {
    private Coco() {
    }

    /** Reads an annotation file; throws {@link DatasetException} naming the file and what is wrong. */
    public static List<LabeledImage> read(Path json) {
        Object root;
        try {
            root = Json.parse(Files.readString(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DatasetException(json + ": cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(json + ": " + e.getMessage(), e);
        }
        try {
            Map<?, ?> top = (Map<?, ?>) root;
            Map<Long, String> categories = new HashMap<>();
            for (Object o : list(json, top, "categories")) {
                Map<?, ?> c = (Map<?, ?>) o;
                categories.put(num(c, "id"), (String) c.get("name"));
            }
            Map<Long, List<LabeledBox>> boxes = new HashMap<>();
            for (Object o : list(json, top, "annotations")) {
                Map<?, ?> a = (Map<?, ?>) o;
                String label = categories.get(num(a, "category_id"));
                if (label == null) {
                    throw new DatasetException(json + ": annotation " + a.get("id") + " has unknown category_id "
                            + num(a, "category_id"));
                }
                List<?> b = (List<?>) a.get("bbox");
                float x = ((Number) b.get(0)).floatValue(), y = ((Number) b.get(1)).floatValue();
                float w = ((Number) b.get(2)).floatValue(), h = ((Number) b.get(3)).floatValue();
                boxes.computeIfAbsent(num(a, "image_id"), k -> new ArrayList<>())
                        .add(new LabeledBox(label, x, y, x + w, y + h));
            }
            Path base = json.toAbsolutePath().getParent();
            List<LabeledImage> images = new ArrayList<>();
            for (Object o : list(json, top, "images")) {
                Map<?, ?> im = (Map<?, ?>) o;
                images.add(new LabeledImage(base.resolve((String) im.get("file_name")), (int) num(im, "width"),
                        (int) num(im, "height"), boxes.getOrDefault(num(im, "id"), List.of())));
            }
            return images;
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
            throw new DatasetException(json + ": not a COCO detection file (" + e + ")", e);
        }
    }

    /** Labels in first-seen order over the images' boxes. */
    public static List<String> labelsOf(List<LabeledImage> images) {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        images.forEach(i -> i.boxes().forEach(b -> s.add(b.label())));
        return List.copyOf(s);
    }

    /** Writes an annotation file; every box label must be in labels (which fixes the category ids 1..n). */
    public static void write(Path json, List<LabeledImage> images, List<String> labels) {
        Path base = json.toAbsolutePath().getParent();
        StringBuilder sb = new StringBuilder("{\n\"images\": [");
        for (int i = 0; i < images.size(); i++) {
            LabeledImage im = images.get(i);
            String file = base.relativize(im.image().toAbsolutePath()).toString().replace('\\', '/');
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "{\"id\": %d, \"file_name\": %s, \"width\": %d, \"height\": %d}", i + 1, Json.quote(file),
                    im.width(), im.height()));
        }
        sb.append("\n],\n\"annotations\": [");
        int id = 0;
        for (int i = 0; i < images.size(); i++) {
            for (LabeledBox b : images.get(i).boxes()) {
                int cat = labels.indexOf(b.label());
                if (cat < 0) {
                    throw new DatasetException(images.get(i).image() + ": class '" + b.label() + "' is not in " + labels);
                }
                sb.append(id == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                        "{\"id\": %d, \"image_id\": %d, \"category_id\": %d, \"bbox\": [%.2f, %.2f, %.2f, %.2f], "
                                + "\"area\": %.2f, \"iscrowd\": 0}", ++id, i + 1, cat + 1, b.x1(), b.y1(), b.width(),
                        b.height(), b.width() * b.height()));
            }
        }
        sb.append("\n],\n\"categories\": [");
        for (int c = 0; c < labels.size(); c++) {
            sb.append(c == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT, "{\"id\": %d, \"name\": %s}", c + 1,
                    Json.quote(labels.get(c))));
        }
        sb.append("\n]\n}\n");
        try {
            Files.createDirectories(base);
            Files.writeString(json, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }

    private static List<?> list(Path json, Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof List<?> l)) {
            throw new DatasetException(json + ": not a COCO detection file: missing array '" + key + "'");
        }
        return l;
    }

    private static long num(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).longValue();
    }
}
