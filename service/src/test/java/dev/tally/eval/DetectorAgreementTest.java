package dev.tally.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.dataset.LabeledImage;
import dev.tally.frame.Detections;
import dev.tally.inference.Detector;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DetectorAgreement}: greedy same-class matching at IoU 0.5 of two detectors' boxes on the same frames. */
class DetectorAgreementTest {
    @TempDir
    Path dir;

    /** Returns the same boxes for every frame. */
    private static Detector fixed(float[][] rows) {
        return new Detector() {
            @Override
            public int inputWidth() {
                return 100;
            }

            @Override
            public int inputHeight() {
                return 100;
            }

            @Override
            public void detect(ByteBuffer rgb, Detections out) {
                out.clear();
                for (float[] r : rows) {
                    out.add((int) r[0], r[1], r[2], r[3], r[4], r[5], Detections.UNTRACKED);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void countsMatchesIouAndScoreDifferencesPerClass() throws Exception {
        Path img = dir.resolve("a.png");
        ImageIO.write(new BufferedImage(100, 100, BufferedImage.TYPE_3BYTE_BGR), "png", img.toFile());
        List<LabeledImage> images = List.of(new LabeledImage(img, 100, 100, List.of()),
                new LabeledImage(img, 100, 100, List.of()));
        Detector a = fixed(new float[][] {
            {0, 0.9f, 10, 10, 30, 30}, // matches b's first box exactly
            {0, 0.8f, 50, 50, 70, 70}, // b has it shifted by 2 px: IoU 18*20/(2*400-360) = 0.818
            {1, 0.7f, 0, 0, 10, 10}}); // b has this box as class 2: no match
        Detector b = fixed(new float[][] {
            {0, 0.85f, 10, 10, 30, 30},
            {0, 0.8f, 52, 50, 72, 70},
            {2, 0.7f, 0, 0, 10, 10}});
        List<DetectorAgreement.ClassAgreement> rows = DetectorAgreement.run(a, b, List.of("forklift", "person",
                "pallet"), images, 0.5);
        DetectorAgreement.ClassAgreement forklift = rows.get(0);
        assertThat(forklift.a()).isEqualTo(4);
        assertThat(forklift.b()).isEqualTo(4);
        assertThat(forklift.matched()).isEqualTo(4);
        assertThat(forklift.meanIou()).isCloseTo((1.0 + 360.0 / 440.0) / 2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(forklift.maxScoreDiff()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(rows.get(1).a()).isEqualTo(2);
        assertThat(rows.get(1).matched()).isZero();
        assertThat(rows.get(1).meanIou()).isNaN();
        assertThat(rows.get(2).b()).isEqualTo(2);
        assertThat(rows.get(2).matched()).isZero();
        assertThat(DetectorAgreement.table("fp16", "onnxruntime", rows))
                .containsPattern("forklift +4 +4 +4 +0\\.90909 +0\\.05000")
                .containsPattern("person +2 +0 +0 +n/a +0\\.00000");
    }
}
