package dev.tally.gst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.tally.TallyException;
import java.util.List;
import java.util.Map;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.glib.Natives;
import org.junit.jupiter.api.Test;

/**
 * Properties are checked against GObject's class introspection before they are set, on stock GStreamer elements.
 * Reference: gst_util_set_object_arg (GStreamer 1.22) ignores an unknown name or an unparsable value without a
 * word (deepstream-facts.json "gst_util_set_object_arg", source gst122): each case below was silently dropped by it.
 */
class GObjectPropertiesTest {
    interface GstUtil extends Library {
        void gst_util_set_object_arg(Pointer object, String name, String value);
    }

    private static PipelinePlan one(String factory, Map<String, Object> props) {
        return new PipelinePlan(List.of(new PlanElement("e", factory, props)), List.of(), "e", Map.of());
    }

    private static String failure(String factory, Map<String, Object> props) {
        try {
            new PlanBuilder("DeepStream 7.1").build(one(factory, props), "props").dispose();
        } catch (TallyException e) {
            assertThat(e.exitCode()).isEqualTo(3);
            return e.getMessage();
        }
        return null;
    }

    @Test
    void goodValuesOfEveryKindAreSet() {
        Pipeline p = new PlanBuilder("DeepStream 7.1").build(new PipelinePlan(List.of(
                new PlanElement("q", "queue", Map.of("leaky", 2, "max-size-buffers", 3, "silent", true)),
                new PlanElement("caps", "capsfilter", Map.of("caps", "video/x-raw, format=I420")),
                new PlanElement("enc", "x264enc", Map.of("tune", "zerolatency", "speed-preset", "ultrafast",
                        "bitrate", 1500)),
                new PlanElement("udp", "udpsink", Map.of("host", "127.0.0.1", "port", 5999, "async", false))),
                List.of(), "q", Map.of()), "good");
        Element q = p.getElementByName("q");
        assertThat(q.get("max-size-buffers")).isEqualTo(3);
        assertThat(q.get("silent")).isEqualTo(true);
        assertThat(p.getElementByName("enc").get("bitrate")).isEqualTo(1500);
        assertThat(p.getElementByName("udp").get("port")).isEqualTo(5999);
        assertThat(p.getElementByName("caps").get("caps").toString()).isEqualTo("video/x-raw, format=(string)I420");
        p.dispose();
    }

    @Test
    void unknownPropertyFailsNamingElementPropertyValueAndVersion() {
        assertThat(failure("queue", Map.of("max-size-bufers", 3))).isEqualTo(
                "element e (queue) has no property max-size-bufers: value '3' on DeepStream 7.1");
    }

    @Test
    void valuesThatDoNotParseOrFitFail() {
        assertThat(failure("queue", Map.of("leaky", "sideways"))).isEqualTo(
                "element e (queue) property leaky does not take it (not a valid GstQueueLeaky): value 'sideways'"
                        + " on DeepStream 7.1");
        assertThat(failure("queue", Map.of("leaky", 7))).contains("property leaky does not take it");
        assertThat(failure("queue", Map.of("max-size-buffers", "many"))).isEqualTo(
                "element e (queue) property max-size-buffers does not take it (not a valid guint): value 'many'"
                        + " on DeepStream 7.1");
        assertThat(failure("udpsink", Map.of("port", 70000))).isEqualTo(
                "element e (udpsink) property port does not take it (outside the range of its gint): value '70000'"
                        + " on DeepStream 7.1");
        assertThat(failure("x264enc", Map.of("speed-preset", "warp"))).contains("property speed-preset does not take");
        assertThat(failure("capsfilter", Map.of("caps", "video/x-raw,,"))).contains("property caps does not take it");
    }

    /** What the builder replaced: gst_util_set_object_arg leaves the element as it was and says nothing. */
    @Test
    void gstUtilSetObjectArgIgnoresTheSameMistakes() {
        GstRegistry.init();
        GstUtil util = Native.load("gstreamer-1.0", GstUtil.class);
        Element q = ElementFactory.make("queue", "q");
        util.gst_util_set_object_arg(Natives.getRawPointer(q), "max-size-bufers", "3");
        util.gst_util_set_object_arg(Natives.getRawPointer(q), "leaky", "sideways");
        util.gst_util_set_object_arg(Natives.getRawPointer(q), "max-size-buffers", "many");
        assertThat(q.get("max-size-buffers")).isEqualTo(200);
        assertThat(q.get("leaky").toString()).isNotEqualTo("sideways");
        q.dispose();
    }
}
