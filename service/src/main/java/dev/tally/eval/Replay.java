package dev.tally.eval;

import dev.tally.Json;
import dev.tally.analytics.CountEvent;
import dev.tally.analytics.CountsSnapshot;
import dev.tally.analytics.OfflineAnalytics;
import dev.tally.config.CameraConfig;
import dev.tally.config.LineConfig;
import dev.tally.config.TallyConfig;
import dev.tally.config.ZoneConfig;
import dev.tally.dataset.Images;
import dev.tally.frame.Detections;
import dev.tally.frame.FrameResult;
import dev.tally.inference.Detector;
import dev.tally.tracking.Tracker;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One camera's detector, tracker and counting run offline over a {@link ReplaySource}, every frame in order and
 * as fast as they run (no pacing, nothing dropped). Frames are scaled to the detector's input, boxes to the
 * pipeline size (where lines and zones live), and the tracker is given each frame's timestamp.
 *
 * <p>Writes into the output directory:
 * <ul>
 *   <li>{@code det/det.txt}: every detection, MOTChallenge layout ({@link MotFile}; id -1, class in column 8);</li>
 *   <li>{@code tracks/CAMERA.txt}: boxes of confirmed tracks, MOTChallenge results layout;</li>
 *   <li>{@code kitti-det/} and {@code kitti-track/}: one file a frame, {@code 00_000_FRAME.txt} (FRAME from 0),
 *       in the line layouts of deepstream-app's gie-kitti-output-dir and kitti-track-output-dir;</li>
 *   <li>{@code counts.json}: the final counts, the lines, zones and counting settings they were made with,
 *       and every event.</li>
 * </ul>
 */
public final class Replay {

    /** What a replay did. */
    public record Result(int frames, long detections, long trackBoxes, double seconds, CountsSnapshot counts) {}

    private Replay() {
    }

    /** Where a replay's detections come from, frame after frame (boxes in pipeline pixels). */
    public interface DetectionSource {
        /** Fills {@code out} with the next frame's detections; false at the end. */
        boolean next(Detections out) throws IOException;
    }

    /** Detections of the model: frames of {@code source} scaled to the detector input, boxes to the pipeline size. */
    public static DetectionSource detect(TallyConfig cfg, Detector detector, ReplaySource source) {
        int pw = cfg.pipeline().width();
        int ph = cfg.pipeline().height();
        int dw = detector.inputWidth();
        int dh = detector.inputHeight();
        ByteBuffer input = ByteBuffer.allocateDirect(dw * dh * 3);
        return d -> {
            if (!source.next()) {
                return false;
            }
            toRgb(Images.scaleRgb(source.rgb(), source.width(), source.height(), dw, dh), input);
            detector.detect(input, d);
            d.scale(pw / (float) dw, ph / (float) dh);
            return true;
        };
    }

    /**
     * Detections stored in a MOTChallenge detection file (e.g. a replay's {@code det/det.txt}), frames 1..frames;
     * class from column 8 (1-based).
     */
    public static DetectionSource stored(Path detFile, int frames) {
        java.util.Map<Integer, List<MotFile.Row>> byFrame = new java.util.HashMap<>();
        for (MotFile.Row r : MotFile.read(detFile)) {
            byFrame.computeIfAbsent(r.frame(), k -> new java.util.ArrayList<>()).add(r);
        }
        int last = Math.min(frames, byFrame.keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
        int[] n = {0};
        return d -> {
            if (n[0] >= last) {
                return false;
            }
            n[0]++;
            d.clear();
            for (MotFile.Row r : byFrame.getOrDefault(n[0], List.of())) {
                d.add(Math.max(0, r.cls()), r.conf(), r.left(), r.top(), r.left() + r.width(), r.top() + r.height(),
                        Detections.UNTRACKED);
            }
            return true;
        };
    }

    public static Result run(TallyConfig cfg, CameraConfig camera, DetectionSource source, Tracker tracker,
                             Path out) throws IOException {
        int pw = cfg.pipeline().width();
        int ph = cfg.pipeline().height();
        double fps = cfg.pipeline().fps();
        List<String> labels = cfg.model().labels();
        Files.createDirectories(out.resolve("det"));
        Files.createDirectories(out.resolve("tracks"));
        Path kittiDet = Files.createDirectories(out.resolve("kitti-det"));
        Path kittiTrack = Files.createDirectories(out.resolve("kitti-track"));
        OfflineAnalytics analytics = new OfflineAnalytics(cfg.site(), labels, camera, cfg.analytics(), 1024);
        FrameResult f = new FrameResult(1024);
        f.cameraIndex = 0;
        f.cameraId = camera.id();
        f.width = pw;
        f.height = ph;
        f.inferred = true;
        long detections = 0;
        long trackBoxes = 0;
        int n = 0;
        long t0 = System.nanoTime();
        StringBuilder line = new StringBuilder(256);
        try (BufferedWriter det = Files.newBufferedWriter(out.resolve("det/det.txt"), StandardCharsets.UTF_8);
             BufferedWriter trk = Files.newBufferedWriter(out.resolve("tracks/" + camera.id() + ".txt"),
                     StandardCharsets.UTF_8)) {
            while (source.next(f.detections)) {
                Detections d = f.detections;
                long ts = Math.round(n * 1e9 / fps);
                StringBuilder kd = new StringBuilder();
                for (int i = 0; i < d.count(); i++) {
                    line.setLength(0);
                    MotFile.resultLine(line, n + 1, -1, d.x1[i], d.y1[i], d.x2[i], d.y2[i], d.confidence[i],
                            d.classId[i]);
                    det.append(line);
                    kitti(kd, label(labels, d.classId[i]), -1, d, i);
                }
                detections += d.count();
                tracker.update(d, true, ts);
                StringBuilder kt = new StringBuilder();
                for (int i = 0; i < d.count(); i++) {
                    if (d.trackId[i] != Detections.UNTRACKED) {
                        line.setLength(0);
                        MotFile.resultLine(line, n + 1, d.trackId[i], d.x1[i], d.y1[i], d.x2[i], d.y2[i],
                                d.confidence[i], d.classId[i]);
                        trk.append(line);
                        kitti(kt, label(labels, d.classId[i]), d.trackId[i], d, i);
                        trackBoxes++;
                    }
                }
                String name = String.format(Locale.ROOT, "00_000_%06d.txt", n);
                Files.writeString(kittiDet.resolve(name), kd, StandardCharsets.UTF_8);
                Files.writeString(kittiTrack.resolve(name), kt, StandardCharsets.UTF_8);
                f.frameNumber = n;
                f.ptsNanos = ts;
                f.captureEpochNanos = ts;
                analytics.process(f);
                n++;
            }
        }
        CountsSnapshot snap = analytics.finish();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.writeString(out.resolve("counts.json"), countsJson(cfg, camera, snap, analytics.events(), n),
                StandardCharsets.UTF_8);
        return new Result(n, detections, trackBoxes, seconds, snap);
    }

    private static String label(List<String> labels, int c) {
        return c >= 0 && c < labels.size() ? labels.get(c) : "class" + c;
    }

    /**
     * deepstream-app's KITTI dump line: {@code label [id] 0.0 0 0.0 left top right bottom 0.0 0.0 0.0 0.0 0.0 0.0
     * 0.0 confidence} (the track id follows the label in the tracker's dump).
     */
    private static void kitti(StringBuilder sb, String label, long id, Detections d, int i) {
        sb.append(label).append(' ');
        if (id >= 0) {
            sb.append(id).append(' ');
        }
        sb.append(String.format(Locale.ROOT, "0.0 0 0.0 %.6f %.6f %.6f %.6f 0.0 0.0 0.0 0.0 0.0 0.0 0.0 %.6f%n",
                d.x1[i], d.y1[i], d.x2[i], d.y2[i], d.confidence[i]));
    }

    private static void toRgb(BufferedImage bgrImage, ByteBuffer rgb) {
        byte[] bgr = ((DataBufferByte) bgrImage.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < bgr.length; i += 3) {
            rgb.put(i, bgr[i + 2]);
            rgb.put(i + 1, bgr[i + 1]);
            rgb.put(i + 2, bgr[i]);
        }
    }

    /** The counts file: settings, lines, zones, counts and events. */
    static String countsJson(TallyConfig cfg, CameraConfig camera, CountsSnapshot snap, List<CountEvent> events,
                             int frames) {
        CountsSnapshot.CameraCounts c = snap.cameras().get(0);
        List<String> labels = snap.classes();
        StringBuilder sb = new StringBuilder(4096);
        sb.append("{\"camera\": ");
        str(sb, camera.id());
        sb.append(", \"frames\": ").append(frames).append(", \"labels\": ");
        strings(sb, labels);
        sb.append(",\n \"analytics\": {\"anchor\": ");
        str(sb, cfg.analytics().anchor().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        sb.append(", \"minTrackFrames\": ").append(cfg.analytics().minTrackFrames())
                .append(", \"zoneMinFrames\": ").append(cfg.analytics().zoneMinFrames())
                .append(", \"lineHysteresisPx\": ").append(cfg.analytics().lineHysteresisPx()).append("},\n \"lines\": [");
        for (int l = 0; l < camera.lines().size(); l++) {
            LineConfig lc = camera.lines().get(l);
            sb.append(l == 0 ? "" : ", ").append("{\"name\": ");
            str(sb, lc.name());
            sb.append(String.format(Locale.ROOT, ", \"from\": [%s, %s], \"to\": [%s, %s], \"classes\": ",
                    lc.x1(), lc.y1(), lc.x2(), lc.y2()));
            strings(sb, lc.classes());
            sb.append('}');
        }
        sb.append("],\n \"zones\": [");
        for (int z = 0; z < camera.zones().size(); z++) {
            ZoneConfig zc = camera.zones().get(z);
            sb.append(z == 0 ? "" : ", ").append("{\"name\": ");
            str(sb, zc.name());
            sb.append(", \"polygon\": [");
            for (int i = 0; i < zc.xs().length; i++) {
                sb.append(i == 0 ? "" : ", ").append('[').append(zc.xs()[i]).append(", ").append(zc.ys()[i]).append(']');
            }
            sb.append("], \"classes\": ");
            strings(sb, zc.classes());
            sb.append('}');
        }
        sb.append("],\n \"unique\": {");
        for (int k = 0; k < labels.size(); k++) {
            sb.append(k == 0 ? "" : ", ");
            str(sb, labels.get(k)).append(": ").append(c.unique()[k]);
        }
        sb.append("},\n \"crossings\": [");
        boolean first = true;
        for (int l = 0; l < c.lines().size(); l++) {
            for (int k = 0; k < labels.size(); k++) {
                sb.append(first ? "" : ", ").append("{\"line\": ");
                first = false;
                str(sb, c.lines().get(l)).append(", \"class\": ");
                str(sb, labels.get(k)).append(", \"in\": ").append(c.crossings(l, k, 0))
                        .append(", \"out\": ").append(c.crossings(l, k, 1)).append('}');
            }
        }
        sb.append("],\n \"zoneEnters\": [");
        first = true;
        for (int z = 0; z < c.zones().size(); z++) {
            for (int k = 0; k < labels.size(); k++) {
                sb.append(first ? "" : ", ").append("{\"zone\": ");
                first = false;
                str(sb, c.zones().get(z)).append(", \"class\": ");
                str(sb, labels.get(k)).append(", \"enters\": ").append(c.zoneEnters()[z][k])
                        .append(", \"exits\": ").append(c.zoneExits()[z][k]).append('}');
            }
        }
        sb.append("],\n \"events\": [");
        for (int i = 0; i < events.size(); i++) {
            CountEvent e = events.get(i);
            String[] v = e.fieldValues();
            sb.append(i == 0 ? "\n  {" : ",\n  {");
            for (int j = 0; j < v.length; j++) {
                sb.append(j == 0 ? "" : ", ");
                str(sb, CountEvent.FIELDS[j]).append(": ");
                str(sb, v[j]);
            }
            sb.append('}');
        }
        sb.append("]}\n");
        return sb.toString();
    }

    private static StringBuilder str(StringBuilder sb, String s) {
        return sb.append(Json.quote(s));
    }

    private static void strings(StringBuilder sb, List<String> items) {
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            str(sb, items.get(i));
        }
        sb.append(']');
    }
}
