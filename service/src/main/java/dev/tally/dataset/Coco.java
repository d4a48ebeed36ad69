package dev.tally.dataset;

import com.google.gson.FormattingStyle;
import com.google.gson.stream.JsonWriter;
import dev.tally.Json;
import java.io.IOException;
import java.io.StringWriter;
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
    /** A line break between the values of the top-level object and arrays (their items are written whole). */
    private static final FormattingStyle ONE_PER_LINE = FormattingStyle.COMPACT.withNewline("\n")
            .withSpaceAfterSeparators(true);

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

    /**
     * Writes an annotation file; every box label must be in labels (which fixes the category ids 1..n). One image,
     * annotation or category per line; coordinates with two decimals.
     */
    public static void write(Path json, List<LabeledImage> images, List<String> labels) {
        Path base = json.toAbsolutePath().getParent();
        StringWriter text = new StringWriter(4096);
        try (JsonWriter w = Json.writer(text, ONE_PER_LINE)) {
            w.beginObject().name("images").beginArray();
            for (int i = 0; i < images.size(); i++) {
                LabeledImage im = images.get(i);
                String file = base.relativize(im.image().toAbsolutePath()).toString().replace('\\', '/');
                int id = i + 1;
                w.jsonValue(Json.spaced(o -> o.beginObject().name("id").value(id).name("file_name").value(file)
                        .name("width").value(im.width()).name("height").value(im.height()).endObject()));
            }
            w.endArray().name("annotations").beginArray();
            int id = 0;
            for (int i = 0; i < images.size(); i++) {
                for (LabeledBox b : images.get(i).boxes()) {
                    int cat = labels.indexOf(b.label());
                    if (cat < 0) {
                        throw new DatasetException(images.get(i).image() + ": class '" + b.label() + "' is not in "
                                + labels);
                    }
                    w.jsonValue(annotation(++id, i + 1, cat + 1, b));
                }
            }
            w.endArray().name("categories").beginArray();
            for (int c = 0; c < labels.size(); c++) {
                int cid = c + 1;
                String name = labels.get(c);
                w.jsonValue(Json.spaced(o -> o.beginObject().name("id").value(cid).name("name").value(name)
                        .endObject()));
            }
            w.endArray().endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
        try {
            Files.createDirectories(base);
            Files.writeString(json, text + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }

    private static String annotation(int id, int image, int category, LabeledBox b) {
        return Json.spaced(o -> {
            o.beginObject().name("id").value(id).name("image_id").value(image).name("category_id").value(category);
            o.name("bbox").beginArray().jsonValue(f2(b.x1())).jsonValue(f2(b.y1())).jsonValue(f2(b.width()))
                    .jsonValue(f2(b.height())).endArray();
            o.name("area").jsonValue(f2(b.width() * b.height())).name("iscrowd").value(0).endObject();
        });
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
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
