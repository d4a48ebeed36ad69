package dev.tally.dataset;

import dev.tally.eval.MotFile;
import dev.tally.sim.GroundTruth;
import dev.tally.sim.SimSpec;
import dev.tally.sim.WarehouseSim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the simulator's ground truth as a MOTChallenge sequence: {@code DIR/gt/gt.txt} (frame from 1, object
 * id, box at the simulator's size, 1, class + 1, visibility) and {@code DIR/seqinfo.ini} (with the camera's
 * {@code sim://} URI as {@code source}, so {@code tally replay --input} can render the same frames).
 * Objects less visible than {@code minVisibility} are left out of that frame.
 */
public final class SimMot {
    private SimMot() {
    }

    /** Renders {@code frames} frames of {@code spec} and writes the sequence; returns the boxes written. */
    public static long export(SimSpec spec, int frames, float minVisibility, Path seqDir) {
        WarehouseSim sim = new WarehouseSim(spec);
        byte[] rgb = new byte[spec.frameBytes()];
        StringBuilder sb = new StringBuilder(1 << 20);
        long boxes = 0;
        for (int f = 1; f <= frames; f++) {
            sim.next(rgb, 0);
            GroundTruth t = sim.truth();
            for (int i = 0; i < t.count(); i++) {
                if (t.visibility[i] >= minVisibility && t.x2[i] - t.x1[i] >= 2 && t.y2[i] - t.y1[i] >= 2) {
                    MotFile.gtLine(sb, f, t.objectId[i], t.x1[i], t.y1[i], t.x2[i], t.y2[i], t.classId[i],
                            t.visibility[i]);
                    boxes++;
                }
            }
        }
        try {
            Files.createDirectories(seqDir.resolve("gt"));
            Files.writeString(seqDir.resolve("gt/gt.txt"), sb, StandardCharsets.UTF_8);
            MotFile.writeSeqInfo(seqDir, seqDir.getFileName().toString(), spec.fps(), frames, spec.width(),
                    spec.height(), GroundTruth.LABELS, spec.toUri().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return boxes;
    }
}
