package dev.tally.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.ConfigLoader;
import dev.tally.config.TallyConfig;
import dev.tally.dataset.SimMot;
import dev.tally.inference.OnnxDetector;
import dev.tally.sim.SimSpec;
import dev.tally.testing.TestSupport;
import dev.tally.tracking.SortTracker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holds the tracker's quality on a short synthetic sequence with the demo model (what {@code tally replay} and
 * {@code tally score} do): detections of the real model, Tally's tracker, metrics against the simulator's
 * ground truth. The floors sit a little under what the tracker reaches (see docs/evaluation.md), so a tracker
 * that switches or fragments ids more fails here.
 */
class ReplayRegressionTest {
    static final int FRAMES = 300;
    static final String SIM = "sim://warehouse?seed=4242&width=640&height=360&fps=30&people=6&forklifts=2&pallets=4";

    @Test
    void trackerHoldsItsMetricsOnAShortSimSequence(@TempDir Path dir) throws Exception {
        Path root = TestSupport.repoRoot();
        String hocon = """
                tally {
                  cameras = [{ id = cam, uri = "%s",
                    lines = [{ name = mid, from = [0, 180], to = [640, 180] }] }]
                  model { type = detectnet_v2, onnx = "%s", labels-file = "%s", input-width = 480,
                          input-height = 272, stride = 16, bbox-norm = 35.0, bbox-offset = 0.5 }
                  pipeline { backend = portable, width = 640, height = 360, fps = 30 }
                }
                """.formatted(SIM, root.resolve("models/demo/tally-demo.onnx"), root.resolve("models/demo/labels.txt"));
        Path conf = Files.writeString(dir.resolve("t.conf"), hocon);
        TallyConfig cfg = ConfigLoader.load(conf);
        Path gt = dir.resolve("gt");
        SimMot.export(SimSpec.fromUri(URI.create(SIM)), FRAMES, 0.3f, gt);
        Path out = dir.resolve("out");
        try (ReplaySource source = ReplaySource.open(SIM, 640, 360, FRAMES);
             OnnxDetector detector = OnnxDetector.open(cfg.model(), 1)) {
            Replay.run(cfg, cfg.cameras().get(0), Replay.detect(cfg, detector, source),
                    new SortTracker(cfg.tracker(), 30), out);
        }
        List<MotFile.Row> truth = MotFile.read(gt.resolve("gt/gt.txt"));
        List<MotFile.Row> tracks = MotFile.read(out.resolve("tracks/cam.txt"));
        TrackingMetrics.Result all = TrackingMetrics.evaluate(truth, tracks, -1);
        System.out.printf("replay regression: HOTA %.3f DetA %.3f AssA %.3f IDF1 %.3f MOTA %.3f IDSW %d gt-ids %d"
                        + " trk-ids %d%n", all.hota(), all.detA(), all.assA(), all.idf1(), all.mota(), all.idSwitches(),
                all.gtIds(), all.trackerIds());
        // measured: HOTA 0.804, IDF1 0.937, MOTA 0.917, 3 id switches, 17 tracker ids for 15 objects
        assertThat(all.hota()).isGreaterThanOrEqualTo(0.78);
        assertThat(all.idf1()).isGreaterThanOrEqualTo(0.91);
        assertThat(all.mota()).isGreaterThanOrEqualTo(0.89);
        assertThat(all.idSwitches()).isLessThanOrEqualTo(5);
        assertThat(all.trackerIds()).isLessThanOrEqualTo(20);
        assertThat(Files.readString(out.resolve("counts.json"))).contains("\"crossings\"");
    }
}
