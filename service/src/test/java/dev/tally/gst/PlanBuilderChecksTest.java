package dev.tally.gst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.TallyException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step of {@link PlanBuilder} is checked and a failure names the element: a property the element does not
 * have, caps that do not parse, two elements with one name (the bin refuses the second), a link to an element the
 * plan does not have, and a dynamic pad that cannot be linked (reported, as it happens on a streaming thread).
 * Real GStreamer elements throughout.
 */
class PlanBuilderChecksTest {

    /** What the builder names as the platform when no DeepStream release is given: GStreamer's own version. */
    private static final String GST = org.freedesktop.gstreamer.Gst.getVersionString();

    private static PipelinePlan plan(List<PlanElement> elements, List<PlanLink> links) {
        return new PipelinePlan(elements, links, elements.get(0).name(), Map.of());
    }

    @Test
    void aPropertyTheElementLacksIsAnErrorNamingTheElement() {
        PipelinePlan plan = plan(List.of(new PlanElement("q", "queue", Map.of("max-size-bufers", 2))), List.of());
        assertThatThrownBy(() -> new PlanBuilder().build(plan, "props")).isInstanceOf(TallyException.class)
                .hasMessage("element q (queue) has no property max-size-bufers: value '2' on " + GST)
                .extracting(e -> ((TallyException) e).exitCode()).isEqualTo(TallyException.MISSING_DEPENDENCY);
    }

    @Test
    void capsThatDoNotParseAreAnErrorNamingTheElement() {
        PipelinePlan plan = plan(List.of(new PlanElement("f", "capsfilter", Map.of("caps", "video/x-raw,,width="))),
                List.of());
        assertThatThrownBy(() -> new PlanBuilder().build(plan, "caps")).isInstanceOf(TallyException.class)
                .hasMessage("element f (capsfilter) property caps does not take it (not a valid GstCaps): "
                        + "value 'video/x-raw,,width=' on " + GST);
    }

    @Test
    void anElementTheBinRefusesIsAnErrorNamingIt() {
        PipelinePlan plan = plan(List.of(new PlanElement("q", "queue", Map.of()),
                new PlanElement("q", "identity", Map.of())), List.of());
        assertThatThrownBy(() -> new PlanBuilder().build(plan, "dup")).isInstanceOf(TallyException.class)
                .hasMessage("cannot add element q (identity) to dup");
    }

    @Test
    void aLinkToAnElementThePlanLacksIsAnErrorNamingIt() {
        PipelinePlan plan = plan(List.of(new PlanElement("q", "queue", Map.of())), List.of(PlanLink.of("q", "sink")));
        assertThatThrownBy(() -> new PlanBuilder().build(plan, "links")).isInstanceOf(TallyException.class)
                .hasMessage("link q -> sink names no element sink");
    }

    @Test
    void aDynamicPadThatCannotLinkIsReportedNamingBothElements(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("clip.mp4");
        Process p = new ProcessBuilder("gst-launch-1.0", "-q", "videotestsrc", "num-buffers=5", "!",
                "video/x-raw,width=160,height=120", "!", "x264enc", "!", "mp4mux", "!", "filesink",
                "location=" + clip).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        // A decoded video pad offered to an audio element: the link is refused when the pad appears.
        PipelinePlan plan = plan(List.of(
                        new PlanElement("src-0", "uridecodebin", Map.of("uri", clip.toUri().toString())),
                        new PlanElement("audio", "audioconvert", Map.of()),
                        new PlanElement("sink", "fakesink", Map.of())),
                List.of(new PlanLink("src-0", null, "audio", null, PlanLink.Side.NONE, true, null),
                        PlanLink.of("audio", "sink")));
        BlockingQueue<String> reported = new LinkedBlockingQueue<>();
        Pipeline pipeline = new PlanBuilder().onDynamicLinkFailure(reported::add).build(plan, "dynamic");
        try {
            pipeline.setState(State.PAUSED);
            String line = reported.poll(60, TimeUnit.SECONDS);
            assertThat(line).as("a failed dynamic link is reported").isNotNull()
                    .startsWith("src-0: cannot link new pad ").contains(" to audio: ");
        } finally {
            pipeline.setState(State.NULL);
            pipeline.dispose();
        }
    }
}
