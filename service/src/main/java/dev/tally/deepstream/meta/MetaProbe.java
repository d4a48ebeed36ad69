package dev.tally.deepstream.meta;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.freedesktop.gstreamer.Pad;
import org.freedesktop.gstreamer.glib.Natives;

/**
 * A buffer pad probe that hands each buffer's NvDsBatchMeta to a {@link BatchMetaReader}. Installed with
 * gst_pad_add_probe directly (not gst1-java-core's wrapper) and with pointers passed as 64-bit integers, so a
 * batch costs no Java objects beyond JNA's argument boxing and nothing per object. Never blocks: it reads and
 * returns GST_PAD_PROBE_OK.
 */
public final class MetaProbe {
    /** GST_PAD_PROBE_TYPE_BUFFER. */
    static final int PROBE_BUFFER = 1 << 4;
    /** Offset of {@code data} (the GstBuffer*) in GstPadProbeInfo: type (4, padded to 8), id (8). */
    static final long INFO_DATA = 16;
    private static final Pointer MEM = new Pointer(0);

    /** libnvdsgst_meta (or a stand-in exporting the same symbol). */
    public interface NvDsMeta extends Library {
        long gst_buffer_get_nvds_batch_meta(long buffer);
    }

    /** libnvds_meta: the process-wide id of a named user meta type. */
    public interface NvDsMetaTypes extends Library {
        int nvds_get_user_meta_type(String name);
    }

    /** The user meta type nvdsanalytics attaches per frame, as registered in this process. */
    public static int analyticsFrameMetaType() {
        return Native.load("nvds_meta", NvDsMetaTypes.class).nvds_get_user_meta_type(ANALYTICS_FRAME_META);
    }

    public static final String ANALYTICS_FRAME_META = "NVIDIA.DSANALYTICSFRAME.USER_META";

    interface GstPadProbe extends Library {
        long gst_pad_add_probe(Pointer pad, int mask, ProbeCallback callback, Pointer userData, Pointer destroy);

        void gst_pad_remove_probe(Pointer pad, long id);
    }

    /** GstPadProbeCallback with pointer arguments as longs. */
    public interface ProbeCallback extends Callback {
        int invoke(long pad, long info, long userData);
    }

    private final NvDsMeta meta;
    private final BatchMetaReader reader;
    private final GstPadProbe gst = Native.load("gstreamer-1.0", GstPadProbe.class);
    private final ProbeCallback callback = this::onBuffer; // strongly held while installed
    private Pointer pad;
    private long id;

    public MetaProbe(NvDsMeta meta, BatchMetaReader reader) {
        this.meta = meta;
        this.reader = reader;
        // Keep GStreamer's streaming thread attached to the JVM between buffers (JNA would otherwise attach and
        // detach it, creating a java.lang.Thread, on every callback).
        Native.setCallbackThreadInitializer(callback, new CallbackThreadInitializer(true, false, "tally-ds-probe"));
    }

    /** Loads libnvdsgst_meta.so from DeepStream's lib directory (or the library path). */
    public static NvDsMeta loadNvDsMeta() {
        return Native.load("nvdsgst_meta", NvDsMeta.class);
    }

    public void install(Pad srcPad) {
        pad = Natives.getRawPointer(srcPad);
        id = gst.gst_pad_add_probe(pad, PROBE_BUFFER, callback, null, null);
    }

    public void remove() {
        if (pad != null && id != 0) {
            gst.gst_pad_remove_probe(pad, id);
            id = 0;
        }
    }

    private int onBuffer(long padPtr, long info, long userData) {
        long buffer = MEM.getLong(info + INFO_DATA);
        if (buffer != 0) {
            reader.read(meta.gst_buffer_get_nvds_batch_meta(buffer));
        }
        return 1; // GST_PAD_PROBE_OK
    }
}
