package dev.tally.engine;

import dev.tally.TallyException;
import dev.tally.dataset.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Which images calibrate an INT8 engine, and in batches of how many. */
final class CalibrationImages {
    private CalibrationImages() {
    }

    /** The first {@code n} images (by file name) of {@code DIR/images}, or of {@code DIR} when it has no images/. */
    static List<Path> list(Path dataset, int n) {
        Path dir = Files.isDirectory(dataset.resolve("images")) ? dataset.resolve("images") : dataset;
        if (!Files.isDirectory(dir)) {
            throw TallyException.badConfig("--dataset " + dataset + ": not a directory");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> Files.isRegularFile(p) && Images.isImage(p)).sorted().limit(n).toList();
        } catch (IOException e) {
            throw TallyException.badConfig("--dataset " + dataset + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw TallyException.badConfig("--dataset " + dataset + ": no images in " + dir);
        }
        return files;
    }

    /** The model's own batch when its input batch dimension is fixed, else {@code requested}. */
    static int batch(Path onnx, int requested) {
        try {
            List<OnnxInputs.Input> inputs = OnnxInputs.read(onnx);
            if (inputs.size() == 1 && inputs.get(0).dims().length > 0 && inputs.get(0).dims()[0] > 0) {
                return (int) inputs.get(0).dims()[0];
            }
        } catch (IOException e) {
            throw TallyException.badConfig("model.onnx " + onnx + ": " + e.getMessage(), e);
        }
        return requested;
    }

    /**
     * Reads {@code file} and scales it to w x h (Java2D bilinear, as {@code tally evaluate} does), packed RGB into
     * {@code rgb} from position 0 (flipped for reading).
     */
    static void scaled(Path file, int w, int h, java.nio.ByteBuffer rgb) {
        java.awt.image.BufferedImage img;
        try {
            img = javax.imageio.ImageIO.read(file.toFile());
        } catch (IOException e) {
            img = null;
        }
        if (img == null) {
            throw TallyException.badConfig(file + ": not a readable image");
        }
        java.awt.image.BufferedImage s = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = s.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        byte[] bgr = ((java.awt.image.DataBufferByte) s.getRaster().getDataBuffer()).getData();
        rgb.clear();
        for (int i = 0; i < bgr.length; i += 3) {
            rgb.put(bgr[i + 2]).put(bgr[i + 1]).put(bgr[i]);
        }
        rgb.flip();
    }
}
