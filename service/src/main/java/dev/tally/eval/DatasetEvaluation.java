package dev.tally.eval;

import dev.tally.TallyException;
import dev.tally.dataset.LabeledBox;
import dev.tally.dataset.LabeledImage;
import dev.tally.frame.Detections;
import dev.tally.inference.Detector;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Runs a {@link Detector} over labelled images and scores it with {@link ApEvaluator}. Each image is scaled
 * to the detector's input size (Java2D, bilinear; offline, so speed does not matter here), packed as RGB,
 * detected, and the boxes are scaled back to the image's pixels, where they are compared with the labels.
 * Labels are matched to model classes by name, ignoring case; boxes of other labels (e.g. KITTI's
 * {@code DontCare}) are ignored and counted in {@link Outcome#ignoredLabels()}.
 */
public final class DatasetEvaluation {
    /** Result of one run: AP per class, how many images, and ignored ground-truth labels with counts. */
    public record Outcome(ApResult result, int images, Map<String, Integer> ignoredLabels) {
    }

    private DatasetEvaluation() {
    }

    public static Outcome run(Detector detector, List<String> labels, List<LabeledImage> images,
            double iouThreshold) {
        int w = detector.inputWidth();
        int h = detector.inputHeight();
        ApEvaluator evaluator = new ApEvaluator(labels, iouThreshold);
        Map<String, Integer> ignored = new TreeMap<>();
        ByteBuffer rgb = ByteBuffer.allocateDirect(w * h * 3);
        Detections detected = new Detections(1000);
        for (LabeledImage image : images) {
            BufferedImage img = read(image);
            pack(img, w, h, rgb);
            detector.detect(rgb, detected);
            detected.scale((float) img.getWidth() / w, (float) img.getHeight() / h);
            evaluator.addImage(truth(image.boxes(), labels, ignored), detected);
        }
        return new Outcome(evaluator.result(), images.size(), ignored);
    }

    private static Detections truth(List<LabeledBox> boxes, List<String> labels, Map<String, Integer> ignored) {
        Detections gt = new Detections(Math.max(1, boxes.size()));
        for (LabeledBox b : boxes) {
            int c = indexOf(labels, b.label());
            if (c < 0) {
                ignored.merge(b.label(), 1, Integer::sum);
            } else {
                gt.add(c, 1f, b.x1(), b.y1(), b.x2(), b.y2(), Detections.UNTRACKED);
            }
        }
        return gt;
    }

    private static int indexOf(List<String> labels, String label) {
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    static BufferedImage read(LabeledImage image) {
        try {
            BufferedImage img = ImageIO.read(image.image().toFile());
            if (img == null) {
                throw TallyException.badConfig(image.image() + ": not a readable image");
            }
            return img;
        } catch (IOException e) {
            throw TallyException.badConfig(image.image() + ": " + e.getMessage(), e);
        }
    }

    /** Scales {@code img} to w x h and writes it as packed RGB into {@code out} (position 0). */
    static void pack(BufferedImage img, int w, int h, ByteBuffer out) {
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        byte[] bgr = ((DataBufferByte) scaled.getRaster().getDataBuffer()).getData();
        out.clear();
        for (int i = 0; i < bgr.length; i += 3) {
            out.put(bgr[i + 2]).put(bgr[i + 1]).put(bgr[i]);
        }
        out.flip();
    }
}
