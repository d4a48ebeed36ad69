package dev.tally.rtsp;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * Plain JNA mapping of the few gst-rtsp-server (libgstrtspserver-1.0.so.0) and GLib functions Tally needs.
 * Pointers are borrowed or owned exactly as the C API documents; {@link RtspServer} is the only user.
 */
interface RtspServerLib extends Library {

    /** GType of gboolean / gchararray, as the variadic role and token constructors want them. */
    NativeLong G_TYPE_BOOLEAN = new NativeLong(5L << 2);
    NativeLong G_TYPE_STRING = new NativeLong(16L << 2);

    Pointer gst_rtsp_server_new();

    void gst_rtsp_server_set_address(Pointer server, String address);

    void gst_rtsp_server_set_service(Pointer server, String service);

    int gst_rtsp_server_get_bound_port(Pointer server);

    Pointer gst_rtsp_server_get_mount_points(Pointer server);

    void gst_rtsp_server_set_auth(Pointer server, Pointer auth);

    /** Returns a new GSource serving the socket (or null with *error set). */
    Pointer gst_rtsp_server_create_source(Pointer server, Pointer cancellable, Pointer[] error);

    Pointer gst_rtsp_server_client_filter(Pointer server, ClientFilter func, Pointer userData);

    Pointer gst_rtsp_media_factory_new();

    void gst_rtsp_media_factory_set_launch(Pointer factory, String launch);

    void gst_rtsp_media_factory_set_shared(Pointer factory, boolean shared);

    /** Variadic: role, then (field name, GType, value)... terminated by null. */
    void gst_rtsp_media_factory_add_role(Pointer factory, String role, Object... fields);

    void gst_rtsp_mount_points_add_factory(Pointer mounts, String path, Pointer factory);

    void gst_rtsp_mount_points_remove_factory(Pointer mounts, String path);

    Pointer gst_rtsp_auth_new();

    Pointer gst_rtsp_auth_make_basic(String user, String pass);

    void gst_rtsp_auth_add_basic(Pointer auth, String basic, Pointer token);

    /** Variadic: first field, then GType and value, ... terminated by null. */
    Pointer gst_rtsp_token_new(String firstField, Object... rest);

    void gst_mini_object_unref(Pointer obj);

    void g_object_unref(Pointer obj);

    int g_source_attach(Pointer source, Pointer context);

    /** Borrowed (transfer none): never unref it. gst1-java-core's MainLoop.getMainContext() wrongly unrefs it. */
    Pointer g_main_loop_get_context(Pointer loop);

    void g_source_destroy(Pointer source);

    void g_source_unref(Pointer source);

    void g_free(Pointer mem);

    void g_list_free_full(Pointer list, Pointer freeFunc);

    /** Runs {@code func} on the thread that owns {@code context} (the loop's thread). */
    void g_main_context_invoke(Pointer context, SourceFunc func, Pointer data);

    /** GSourceFunc: returns 0 (G_SOURCE_REMOVE) to run once. */
    interface SourceFunc extends Callback {
        int invoke(Pointer data);
    }

    /** GstRTSPServerClientFilterFunc: returns GST_RTSP_FILTER_REMOVE (0) to close the client. */
    interface ClientFilter extends Callback {
        int invoke(Pointer server, Pointer client, Pointer userData);
    }
}
