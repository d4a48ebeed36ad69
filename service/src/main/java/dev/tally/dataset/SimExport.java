package dev.tally.dataset;

import dev.tally.sim.GroundTruth;
import dev.tally.sim.SimSpec;
import dev.tally.sim.WarehouseSim;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Exports synthetic warehouse frames as a KITTI dataset: renders {@code cameras} simulators (seeds seed,
 * seed+1, ...), skips the first {@code skip} frames of each, keeps every {@code every}-th of the next
 * {@code frames}, scales each kept frame to the output size (bilinear) and writes it with its ground truth
 * boxes scaled the same way. Objects less than {@code minVisibility} visible or smaller than 2 px on a side
 * after scaling are left out. With {@code vary}, each camera gets its own number of people, forklifts and
 * pallets (drawn from its seed) instead of the spec's.
 */
public final class SimExport {

    /** Export parameters; see the class comment. */
    public record Options(SimSpec spec, int cameras, int frames, int every, int skip, int width, int height,
                          String imageFormat, float jpegQuality, float minVisibility, boolean vary) {
        public Options {
            if (cameras < 1 || frames < 1 || every < 1 || skip < 0 || width < 16 || height < 16) {
                throw new IllegalArgumentException("need cameras >= 1, frames >= 1, every >= 1, skip >= 0, size >= 16");
            }
            if (!imageFormat.equals("png") && !imageFormat.equals("jpg")) {
                throw new IllegalArgumentException("image format must be png or jpg, got " + imageFormat);
            }
        }
    }

    private SimExport() {
    }

    /** The spec of camera {@code c} of an export: seed + c, and with {@code vary} its own object numbers. */
    public static SimSpec cameraSpec(SimSpec base, int c, boolean vary) {
        SimSpec spec = base.withSeed(base.seed() + c);
        if (vary) {
            SplittableRandom r = new SplittableRandom(spec.seed() ^ 0x7A11EDL);
            spec = new SimSpec(spec.seed(), spec.width(), spec.height(), spec.fps(), 2 + r.nextInt(9),
                    1 + r.nextInt(3), 2 + r.nextInt(6));
        }
        return spec;
    }

    /** Writes the dataset into dir (images/ and labels/) and returns what was written. */
    public static List<LabeledImage> export(Options o, Path dir) {
        List<LabeledImage> written = new ArrayList<>();
        for (int c = 0; c < o.cameras(); c++) {
            SimSpec spec = cameraSpec(o.spec(), c, o.vary());
            WarehouseSim sim = new WarehouseSim(spec);
            byte[] frame = new byte[spec.frameBytes()];
            float sx = o.width() / (float) spec.width(), sy = o.height() / (float) spec.height();
            for (int f = 0; f < o.skip() + o.frames(); f++) {
                int k = f - o.skip();
                if (k < 0 || k % o.every() != 0) {
                    sim.advance();
                    continue;
                }
                sim.next(frame, 0);
                List<LabeledBox> boxes = boxes(sim.truth(), sx, sy, o.minVisibility());
                String stem = String.format(Locale.ROOT, "s%d_f%06d", spec.seed(), f);
                Path image = dir.resolve("images").resolve(stem + "." + o.imageFormat());
                BufferedImage img = Images.scaleRgb(frame, spec.width(), spec.height(), o.width(), o.height());
                Images.write(img, image, o.jpegQuality());
                Kitti.writeLabels(dir, stem, boxes);
                written.add(new LabeledImage(image, o.width(), o.height(), boxes));
            }
        }
        return written;
    }

    static List<LabeledBox> boxes(GroundTruth t, float sx, float sy, float minVisibility) {
        List<LabeledBox> boxes = new ArrayList<>(t.count());
        for (int i = 0; i < t.count(); i++) {
            float x1 = t.x1[i] * sx, y1 = t.y1[i] * sy, x2 = t.x2[i] * sx, y2 = t.y2[i] * sy;
            if (t.visibility[i] < minVisibility || x2 - x1 < 2 || y2 - y1 < 2) {
                continue;
            }
            boxes.add(new LabeledBox(t.label(i), x1, y1, x2, y2));
        }
        return boxes;
    }
}
