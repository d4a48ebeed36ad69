package dev.tally.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.config.CameraConfig;
import dev.tally.frame.FrameResult;
import dev.tally.publish.CountMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What analytics loses is counted and served: a frame of a camera index that is not configured, and detections
 * beyond a frame's capacity. Both reach the Prometheus text of a real registry.
 */
class LossCountersTest {

    @Test
    void unknownCameraFramesAndOverflowingDetectionsAreCountedAndExported() {
        List<CameraConfig> cams = List.of(SyntheticScene.camera("dock-1", List.of(), List.of()));
        AnalyticsEngine engine = new AnalyticsEngine("wh", SyntheticScene.LABELS, cams,
                SyntheticScene.analytics(List.of()), Duration.ofSeconds(1), 2, "run1");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new CountMetrics(registry, SyntheticScene.LABELS, cams, List.of(), engine);

        FrameResult stray = new FrameResult(2);
        stray.cameraIndex = 5;
        stray.cameraId = "nowhere";
        engine.onFrame(stray);

        FrameResult full = new FrameResult(4);
        full.cameraIndex = 0;
        full.cameraId = "dock-1";
        for (int d = 0; d < 4; d++) {
            full.detections.add(1, 0.9f, 10 * d, 10, 10 * d + 5, 20, -1);
        }
        engine.onFrame(full); // the hand-off keeps 2 detections per frame
        engine.processQueued(8);

        assertThat(engine.unknownCameraFrames()).isEqualTo(1);
        assertThat(engine.detectionsOverflow()).isEqualTo(2);
        assertThat(registry.scrape()).contains("tally_analytics_frames_unknown_camera_total 1.0",
                "tally_analytics_detections_overflow_total 2.0");
    }
}
