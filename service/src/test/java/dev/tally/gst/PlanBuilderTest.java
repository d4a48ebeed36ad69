package dev.tally.gst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.tally.TallyException;
import dev.tally.deepstream.meta.BatchMetaReader;
import dev.tally.deepstream.meta.DsLayout;
import dev.tally.deepstream.meta.MetaProbe;
import dev.tally.frame.FrameResult;
import dev.tally.frame.PipelineMonitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PlanBuilder} realises a plan of stock elements with the same link kinds the DeepStream plan uses (a
 * decodebin's dynamic pad to a request pad, a tee's request pads, enum and flag properties as strings) and runs it to
 * EOS, with the {@link MetaProbe} installed; the probe reads a planted batch through the C stand-in for
 * libnvdsgst_meta and hands frames to the sink.
 */
class PlanBuilderTest {

    public interface StandIn extends MetaProbe.NvDsMeta {
        Pointer tally_build_batch(int frames);

        void tally_free_batch(Pointer batch);

        void tally_plant(Pointer batch);
    }

    @Test
    void buildsLinksAndRunsAStockPlanWithTheProbe(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("clip.mp4");
        Process p = new ProcessBuilder("gst-launch-1.0", "-q", "videotestsrc", "num-buffers=15", "!",
                "video/x-raw,width=320,height=240", "!", "x264enc", "!", "mp4mux", "!", "filesink",
                "location=" + clip).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();

        PipelinePlan plan = new PipelinePlan(List.of(
                new PlanElement("src-0", "uridecodebin", Map.of("uri", clip.toUri().toString())),
                new PlanElement("mix", "compositor", Map.of()),
                new PlanElement("conv", "videoconvert", Map.of()),
                new PlanElement("split", "tee", Map.of()),
                new PlanElement("q", "queue", Map.of("leaky", 2, "max-size-buffers", 2)),
                new PlanElement("caps", "capsfilter", Map.of("caps", "video/x-raw, format=I420")),
                new PlanElement("enc", "x264enc", Map.of("tune", "zerolatency", "speed-preset", "ultrafast",
                        "bitrate", 500)),
                new PlanElement("parse", "h264parse", Map.of("config-interval", -1)),
                new PlanElement("pay", "rtph264pay", Map.of("pt", 96)),
                new PlanElement("sink", "fakesink", Map.of("sync", false, "async", false))),
                List.of(PlanLink.dynamic("src-0", "mix", "sink_0", "video/x-raw"), PlanLink.of("mix", "conv"),
                        PlanLink.of("conv", "split"), PlanLink.fromRequest("split", "src_0", "q"),
                        PlanLink.of("q", "caps"), PlanLink.of("caps", "enc"), PlanLink.of("enc", "parse"),
                        PlanLink.of("parse", "pay"), PlanLink.of("pay", "sink")),
                "conv", Map.of());

        StandIn standIn = Native.load(compileStandIn().toString(), StandIn.class);
        Pointer batch = standIn.tally_build_batch(3);
        standIn.tally_plant(batch);
        FrameResult[] results = new FrameResult[4];
        for (int i = 0; i < 4; i++) {
            results[i] = new FrameResult(8);
            results[i].cameraIndex = i;
            results[i].cameraId = "cam-" + i;
        }
        AtomicInteger frames = new AtomicInteger();
        AtomicReference<String> cam3 = new AtomicReference<>();
        BatchMetaReader reader = new BatchMetaReader(DsLayout.DS6_TO_8, results, fr -> {
            frames.incrementAndGet();
            if (fr.cameraIndex == 3) {
                cam3.set(fr.frameNumber + ":" + fr.detections.count() + ":" + fr.detections.trackId[1]);
            }
        }, PipelineMonitor.NONE);

        Pipeline pipeline = new PlanBuilder("GStreamer 1.22 (test)").build(plan, "plan-test");
        MetaProbe probe = new MetaProbe(standIn, reader);
        probe.install(pipeline.getElementByName("conv").getStaticPad("src"));
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<String> error = new AtomicReference<>();
        pipeline.getBus().connect((Bus.EOS) source -> done.countDown());
        pipeline.getBus().connect((Bus.ERROR) (source, code, message) -> {
            error.set(source.getName() + ": " + message);
            done.countDown();
        });
        try {
            pipeline.play();
            assertThat(done.await(60, TimeUnit.SECONDS)).as("pipeline reached EOS").isTrue();
            assertThat(error.get()).isNull();
        } finally {
            pipeline.setState(State.NULL);
            probe.remove();
            pipeline.dispose();
            standIn.tally_free_batch(batch);
        }
        assertThat(frames.get()).isPositive().matches(n -> n % 3 == 0, "three frames per batch");
        assertThat(cam3.get()).isEqualTo("101:2:-1");
    }

    @Test
    void aMissingFactoryIsAnOperatorErrorNamingIt() {
        PipelinePlan plan = new PipelinePlan(List.of(new PlanElement("pgie", "nvinfer", Map.of())), List.of(),
                "pgie", Map.of());
        assertThatThrownBy(() -> new PlanBuilder("GStreamer 1.22 (test)").build(plan, "missing")).isInstanceOf(TallyException.class)
                .hasMessage("GStreamer element nvinfer is not installed (needed for pgie)");
    }

    static Path compileStandIn() throws Exception {
        Path lib = Path.of("target", "c", "libtallydsmeta-standin.so").toAbsolutePath();
        Files.createDirectories(lib.getParent());
        Process p = new ProcessBuilder("gcc", "-Wall", "-Werror", "-shared", "-fPIC", "-O1", "-DTALLY_DS9=0",
                "-o", lib.toString(), "src/test/c/tally_dsmeta.c").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(log).isZero();
        return lib;
    }
}
