package dev.tally.deepstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import dev.tally.cli.TallyMain;
import dev.tally.config.PipelineConfig;
import dev.tally.config.TallyConfig;
import dev.tally.deepstream.config.WarehouseConfigs;
import dev.tally.gst.GstRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backend choice against this machine's real GStreamer registry, which has no DeepStream. */
class BackendSelectorTest {

    static TallyConfig withBackend(PipelineConfig.Backend b) {
        TallyConfig c = WarehouseConfigs.warehouse();
        PipelineConfig p = c.pipeline();
        return WarehouseConfigs.withPipeline(c, new PipelineConfig(b, p.width(), p.height(), p.fps(),
                p.batchTimeoutUs(), p.output(), p.encoder(), p.bitrateKbps(), p.keyframeInterval(), p.queueFrames(),
                p.overlay(), "7.1"));
    }

    @Test
    void deepstreamWithoutDeepStreamFailsWithCode3NamingTheMissingElements() {
        GstRegistry registry = new GstRegistry();
        assertThat(registry.test("x264enc")).isTrue();
        assertThatThrownBy(() -> BackendSelector.choose(withBackend(PipelineConfig.Backend.DEEPSTREAM), registry))
                .isInstanceOf(TallyException.class)
                .satisfies(e -> assertThat(((TallyException) e).exitCode()).isEqualTo(3))
                .hasMessageStartingWith("pipeline.backend = deepstream but GStreamer elements are missing: "
                        + "nvstreammux (DeepStream plugin /opt/nvidia/deepstream/deepstream/lib/gst-plugins/"
                        + "libnvdsgst_multistream.so), ")
                .hasMessageContaining("nvinfer (").hasMessageContaining("nvtracker (")
                .hasMessageNotContaining("x264enc").hasMessageNotContaining("h264parse")
                .hasMessageEndingWith("; install DeepStream or set pipeline.backend = portable");
    }

    @Test
    void autoFallsBackToPortableAndPortableStaysPortable() {
        GstRegistry registry = new GstRegistry();
        assertThat(BackendSelector.choose(withBackend(PipelineConfig.Backend.AUTO), registry))
                .isEqualTo(BackendSelector.Choice.PORTABLE);
        assertThat(BackendSelector.choose(withBackend(PipelineConfig.Backend.AUTO), f -> true))
                .isEqualTo(BackendSelector.Choice.DEEPSTREAM);
        assertThat(BackendSelector.choose(withBackend(PipelineConfig.Backend.PORTABLE), f -> true))
                .isEqualTo(BackendSelector.Choice.PORTABLE);
    }

    @Test
    void tallyRunWithBackendDeepstreamExits3(@TempDir Path dir) throws IOException {
        Path onnx = Files.writeString(dir.resolve("model.onnx"), "not a real model");
        Path conf = Files.writeString(dir.resolve("tally.conf"), """
                tally {
                  state-dir = "%s"
                  cameras = [ { id = dock-1, uri = "rtsp://127.0.0.1:1/none" } ]
                  model { onnx = "%s" }
                  pipeline { backend = deepstream }
                  rtsp { enabled = false }
                  redis { enabled = false }
                  http { enabled = false }
                }
                """.formatted(dir.resolve("state"), onnx));
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = TallyMain.execute("run", "-c", conf.toString());
        } finally {
            System.setErr(oldErr);
        }
        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("tally: pipeline.backend = deepstream but GStreamer elements are missing: nvstreammux");
    }
}
