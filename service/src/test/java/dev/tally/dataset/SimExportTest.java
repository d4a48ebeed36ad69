package dev.tally.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.sim.GroundTruth;
import dev.tally.sim.SimSpec;
import dev.tally.sim.WarehouseSim;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimExportTest {
    @TempDir
    Path dir;

    @Test
    void exportsScaledFramesWithScaledTruth() {
        SimSpec spec = new SimSpec(5, 640, 360, 30, 6, 2, 4);
        List<LabeledImage> written = SimExport.export(
                new SimExport.Options(spec, 1, 9, 4, 3, 320, 180, "png", 0.9f, 0.3f, false), dir);
        // Frames 3..11 rendered after skipping 3: kept are 3, 7, 11.
        assertThat(written).extracting(i -> i.image().getFileName().toString())
                .containsExactly("s5_f000003.png", "s5_f000007.png", "s5_f000011.png");
        List<LabeledImage> read = Kitti.read(dir);
        assertThat(read).hasSize(3);
        assertThat(read.get(0).width()).isEqualTo(320);
        assertThat(read.get(0).height()).isEqualTo(180);

        WarehouseSim sim = new WarehouseSim(spec);
        byte[] frame = new byte[spec.frameBytes()];
        for (int f = 0; f <= 11; f++) {
            sim.next(frame, 0);
            if (f == 11) {
                GroundTruth t = sim.truth();
                List<LabeledBox> boxes = read.get(2).boxes();
                int k = 0;
                for (int i = 0; i < t.count(); i++) {
                    if (t.visibility[i] < 0.3f) {
                        continue;
                    }
                    LabeledBox b = boxes.get(k++);
                    assertThat(b.label()).isEqualTo(t.label(i));
                    assertThat(b.x1()).isCloseTo(t.x1[i] / 2, org.assertj.core.data.Offset.offset(0.01f));
                    assertThat(b.y2()).isCloseTo(t.y2[i] / 2, org.assertj.core.data.Offset.offset(0.01f));
                }
                assertThat(k).isEqualTo(boxes.size()).isPositive();
            }
        }
        assertThat(DatasetValidator.validate(dir, GroundTruth.LABELS).ok()).isTrue();
    }
}
