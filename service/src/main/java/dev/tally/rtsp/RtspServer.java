package dev.tally.rtsp;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.tally.TallyException;
import dev.tally.config.RtspConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.glib.Natives;
import org.freedesktop.gstreamer.lowlevel.MainLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RTSP server (gst-rtsp-server through {@link RtspServerLib}) whose mounts each replay one RTP/H.264
 * stream that a pipeline sends to a loopback UDP port.
 *
 * <pre>
 *   camera pipeline: ... x264enc ! rtph264pay ! udpsink 127.0.0.1:P      (encodes once, always running)
 *   mount /cam:      ( udpsrc port=P name=pay0 )  shared by every viewer (started on the first one)
 * </pre>
 *
 * Viewers joining and leaving only start and stop the mount's own {@code udpsrc}; the camera pipeline never
 * sees them. Mounts are added and removed at any time. With users configured every mount requires HTTP
 * basic auth. The server runs on its own GLib main loop; {@code Gst.init} must have been called.
 */
public final class RtspServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtspServer.class);
    private static final String ROLE = "tally-viewer";

    private final RtspServerLib lib;
    private final String bind;
    private final int port;
    private final List<RtspConfig.User> users;
    private final Set<String> mounts = new HashSet<>();
    private MainLoop loop;
    private Pointer server;
    private Pointer mountPoints;
    private Pointer source;
    private int boundPort;

    /** @param port TCP port, 0 for any free one (see {@link #port()}) */
    public RtspServer(String bind, int port, List<RtspConfig.User> users) {
        this.bind = bind;
        this.port = port;
        this.users = List.copyOf(users);
        this.lib = load();
    }

    public RtspServer(RtspConfig config) {
        this(config.bind(), config.port(), config.users());
    }

    private static RtspServerLib load() {
        try {
            return Native.load("libgstrtspserver-1.0.so.0", RtspServerLib.class);
        } catch (UnsatisfiedLinkError e) {
            throw TallyException.missingDependency(
                    "the RTSP output server needs libgstrtspserver-1.0.so.0 (Debian package libgstrtspserver-1.0-0)");
        }
    }

    /** Binds the port and starts serving. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        loop = new MainLoop();
        loop.startInBackground();
        server = lib.gst_rtsp_server_new();
        lib.gst_rtsp_server_set_address(server, bind);
        lib.gst_rtsp_server_set_service(server, Integer.toString(port));
        mountPoints = lib.gst_rtsp_server_get_mount_points(server);
        if (!users.isEmpty()) {
            installAuth();
        }
        Pointer[] error = new Pointer[1];
        source = lib.gst_rtsp_server_create_source(server, null, error);
        if (source == null) {
            close();
            throw TallyException.failure(
                    "rtsp.port: cannot serve RTSP on " + bind + ":" + port + " (port in use or address not local)");
        }
        // The loop's context is borrowed: reading it through gst1-java-core's MainLoop.getMainContext() unrefs it
        // (transfer mismatch), and after a few servers in one process the freed context hangs GLib.
        lib.g_source_attach(source, lib.g_main_loop_get_context(Natives.getRawPointer(loop)));
        boundPort = lib.gst_rtsp_server_get_bound_port(server);
        LOG.info("RTSP server listening on {}:{}{}", bind, boundPort, users.isEmpty() ? "" : " (basic auth)");
    }

    private void installAuth() {
        Pointer auth = lib.gst_rtsp_auth_new();
        for (RtspConfig.User u : users) {
            Pointer token = lib.gst_rtsp_token_new("media.factory.role", RtspServerLib.G_TYPE_STRING, ROLE,
                    Pointer.NULL);
            Pointer basic = lib.gst_rtsp_auth_make_basic(u.user(), u.password());
            lib.gst_rtsp_auth_add_basic(auth, basic.getString(0), token);
            lib.g_free(basic);
            lib.gst_mini_object_unref(token);
        }
        lib.gst_rtsp_server_set_auth(server, auth);
        lib.g_object_unref(auth);
    }

    /** The TCP port the server listens on (the configured one, or the one picked for port 0). */
    public synchronized int port() {
        return boundPort;
    }

    /** rtsp://host:port/mount for a local client. */
    public String url(String mount) {
        String host = "0.0.0.0".equals(bind) ? "127.0.0.1" : bind;
        return "rtsp://" + host + ":" + port() + "/" + mount;
    }

    /** Serves the RTP/H.264 stream arriving on loopback UDP {@code udpPort} at /{@code mount}, shared. */
    public synchronized void mountUdpH264(String mount, int udpPort) {
        mount(mount, "( udpsrc name=pay0 address=127.0.0.1 port=" + udpPort
                + " buffer-size=4194304 caps=\"application/x-rtp, media=video, clock-rate=90000,"
                + " encoding-name=H264, payload=96\" )");
    }

    /**
     * Serves the media of a gst-rtsp-server launch description (its payloader named pay0) at {@code path}
     * ("dock-1" or "/dock-1"),
     * shared by all viewers, behind the configured users if any.
     */
    public synchronized void mount(String path, String launch) {
        requireStarted();
        String mount = path.startsWith("/") ? path.substring(1) : path;
        Pointer factory = lib.gst_rtsp_media_factory_new();
        lib.gst_rtsp_media_factory_set_launch(factory, launch);
        lib.gst_rtsp_media_factory_set_shared(factory, true);
        if (!users.isEmpty()) {
            lib.gst_rtsp_media_factory_add_role(factory, ROLE,
                    "media.factory.access", RtspServerLib.G_TYPE_BOOLEAN, 1,
                    "media.factory.construct", RtspServerLib.G_TYPE_BOOLEAN, 1, Pointer.NULL);
        }
        lib.gst_rtsp_mount_points_add_factory(mountPoints, "/" + mount, factory); // takes the factory
        mounts.add(mount);
        LOG.info("RTSP mount {} ready", url(mount));
    }

    /** Removes the mount; new clients get 404 (clients already playing it see the stream end). */
    public synchronized void unmount(String mount) {
        if (server != null && mounts.remove(mount)) {
            lib.gst_rtsp_mount_points_remove_factory(mountPoints, "/" + mount);
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("RTSP server not started");
        }
    }

    /**
     * Closes the listening socket and every client connection. The clients are closed on the server's own main
     * loop thread (never concurrently with its request handling), bounded to 2 s.
     */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        Pointer srv = server;
        Pointer src = source;
        CountDownLatch closed = new CountDownLatch(1);
        RtspServerLib.ClientFilter removeAll = (s, client, data) -> 0; // GST_RTSP_FILTER_REMOVE
        RtspServerLib.SourceFunc onLoop = data -> {
            try {
                if (src != null) {
                    lib.g_source_destroy(src);
                    lib.g_source_unref(src);
                }
                lib.gst_rtsp_server_client_filter(srv, removeAll, null);
            } finally {
                closed.countDown();
            }
            return 0;
        };
        // not MainLoop.invokeLater: gst1-java-core's getMainContext() would drop a reference it does not own
        lib.g_main_context_invoke(lib.g_main_loop_get_context(Natives.getRawPointer(loop)), onLoop, null);
        boolean done;
        try {
            done = closed.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        java.lang.ref.Reference.reachabilityFence(onLoop);
        java.lang.ref.Reference.reachabilityFence(removeAll);
        if (done) {
            lib.g_object_unref(mountPoints);
            lib.g_object_unref(srv);
        } else {
            LOG.warn("RTSP server on port {} did not close its clients within 2 s", boundPort);
        }
        source = null;
        server = null;
        mounts.clear();
        loop.quit();
        loop = null;
        LOG.info("RTSP server on port {} stopped", boundPort);
    }
}
