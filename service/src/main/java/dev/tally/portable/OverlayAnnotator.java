package dev.tally.portable;

import dev.tally.config.CameraConfig;
import dev.tally.frame.Detections;
import dev.tally.frame.FrameResult;
import dev.tally.overlay.I420Canvas;
import dev.tally.overlay.OverlayRenderer;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The portable backend's {@link FrameAnnotator} for one camera: boxes, labels, ids, the camera's lines and
 * zones ({@link OverlayRenderer}), and a panel with the camera's name and the objects per class in view,
 * whose text is rebuilt at most once a second (the only allocation, off the per-object path).
 */
public final class OverlayAnnotator implements FrameAnnotator {
    private final OverlayRenderer renderer;
    private final I420Canvas canvas = new I420Canvas();
    private final List<String> labels;
    private final String title;
    private final int[] perClass;
    private final CharSequence[] panel;
    private long nextPanelNanos;

    public OverlayAnnotator(CameraConfig cam, List<String> labels, int width, int height) {
        this.renderer = new OverlayRenderer(labels, cam.lines(), cam.zones(), width, height);
        this.labels = List.copyOf(labels);
        this.title = cam.name().isEmpty() ? cam.id() : cam.name();
        this.perClass = new int[labels.size()];
        this.panel = new CharSequence[1 + labels.size()];
        panel[0] = title;
    }

    @Override
    public void draw(ByteBuffer i420, FrameResult result) {
        long now = System.nanoTime();
        if (now - nextPanelNanos >= 0) {
            nextPanelNanos = now + 1_000_000_000L;
            refreshPanel(result.detections);
        }
        renderer.render(canvas.wrapPacked(i420, result.width, result.height), result.detections, panel);
    }

    private void refreshPanel(Detections d) {
        java.util.Arrays.fill(perClass, 0);
        for (int i = 0; i < d.count(); i++) {
            int c = d.classId[i];
            if (c >= 0 && c < perClass.length) {
                perClass[c]++;
            }
        }
        for (int c = 0; c < perClass.length; c++) {
            panel[c + 1] = labels.get(c) + ": " + perClass[c];
        }
    }
}
