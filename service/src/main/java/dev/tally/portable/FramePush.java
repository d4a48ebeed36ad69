package dev.tally.portable;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * Pushes a frame from a direct {@link ByteBuffer} into an appsrc without a Java object per frame: three
 * direct-mapped GStreamer calls on raw pointers (allocate a GstBuffer, copy the bytes in, push it; the appsrc takes
 * the buffer). gst1-java-core's {@code new Buffer(...)}/{@code map}/{@code pushBuffer} made several Java objects
 * per frame and left the buffers to the garbage collector.
 */
final class FramePush {
    private FramePush() {
    }

    /** The native address of a direct buffer (look it up once, not per frame). */
    static long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    /**
     * Copies {@code bytes} from native address {@code from} into a new GstBuffer and pushes it into the appsrc at
     * {@code appsrc} (a {@code GstAppSrc*}); false if the appsrc refused it (flushing, EOS).
     */
    static boolean push(long appsrc, long from, int bytes) {
        long buffer = Core.gst_buffer_new_allocate(0L, bytes, 0L);
        if (buffer == 0L) {
            return false;
        }
        Core.gst_buffer_fill(buffer, 0L, from, bytes);
        return App.gst_app_src_push_buffer(appsrc, buffer) == 0; // GST_FLOW_OK; the buffer is the appsrc's now
    }

    private static final class Core {
        static {
            Native.register(Core.class, NativeLibrary.getInstance("libgstreamer-1.0.so.0"));
        }

        static native long gst_buffer_new_allocate(long allocator, long size, long params);

        static native long gst_buffer_fill(long buffer, long offset, long src, long size);
    }

    private static final class App {
        static {
            Native.register(App.class, NativeLibrary.getInstance("libgstapp-1.0.so.0"));
        }

        static native int gst_app_src_push_buffer(long appsrc, long buffer);
    }
}
