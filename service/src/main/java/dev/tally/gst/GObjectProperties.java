package dev.tally.gst;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.tally.TallyException;

/**
 * Sets a GObject property from its text form only after GObject's own class introspection agreed: the class
 * has the property (g_object_class_find_property), it is writable after construction, the text deserializes
 * to the property's value type (gst_value_deserialize: ints, booleans, enums by nick, name or number, flags,
 * caps, strings) and the value is inside the property's range (g_param_value_validate). Anything else is one
 * {@link TallyException} line (exit 3) naming element, property, value and the platform (e.g. "DeepStream 7.1"),
 * where gst_util_set_object_arg would have ignored it without a word.
 */
public final class GObjectProperties {
    /** GParamSpec: GTypeInstance (one pointer), const gchar *name, GParamFlags flags, GType value_type. */
    private static final int PSPEC_FLAGS = Native.POINTER_SIZE * 2;
    private static final int PSPEC_VALUE_TYPE = PSPEC_FLAGS + 8;
    private static final int G_PARAM_WRITABLE = 1 << 1;
    private static final int G_PARAM_CONSTRUCT_ONLY = 1 << 3;
    /** sizeof(GValue): a GType and two 8-byte data words. */
    private static final int GVALUE_SIZE = 24;

    interface GObjectLib extends Library {
        Pointer g_object_class_find_property(Pointer objectClass, String name);

        Pointer g_value_init(Pointer value, long gtype);

        void g_value_unset(Pointer value);

        boolean g_param_value_validate(Pointer pspec, Pointer value);

        void g_object_set_property(Pointer object, String name, Pointer value);

        String g_type_name(long gtype);
    }

    interface GstValueLib extends Library {
        boolean gst_value_deserialize(Pointer value, String text);
    }

    private final GObjectLib gobject;
    private final GstValueLib gst;
    private final String platform;

    /** {@code platform} names what the properties are for in messages, e.g. "DeepStream 7.1". */
    public GObjectProperties(String platform) {
        GstRegistry.init();
        this.gobject = Native.load("gobject-2.0", GObjectLib.class);
        this.gst = Native.load("gstreamer-1.0", GstValueLib.class);
        this.platform = platform;
    }

    /**
     * Sets {@code property} of {@code object} (element {@code element}, made by factory {@code factory}) to the
     * value {@code text} parses to, or throws naming what is wrong.
     */
    public void set(Pointer object, String element, String factory, String property, String text) {
        Pointer klass = object.getPointer(0); // G_OBJECT_GET_CLASS: the instance's first field
        Pointer pspec = gobject.g_object_class_find_property(klass, property);
        if (pspec == null) {
            throw fail(element, factory, property, text, "has no such property");
        }
        int flags = pspec.getInt(PSPEC_FLAGS);
        if ((flags & G_PARAM_WRITABLE) == 0 || (flags & G_PARAM_CONSTRUCT_ONLY) != 0) {
            throw fail(element, factory, property, text, "is not writable once the element exists");
        }
        long type = Native.POINTER_SIZE == 8 ? pspec.getLong(PSPEC_VALUE_TYPE) : pspec.getInt(PSPEC_VALUE_TYPE);
        Memory value = new Memory(GVALUE_SIZE);
        value.clear();
        gobject.g_value_init(value, type);
        try {
            if (!gst.gst_value_deserialize(value, text)) {
                throw fail(element, factory, property, text, "does not take it (not a valid "
                        + gobject.g_type_name(type) + ")");
            }
            if (gobject.g_param_value_validate(pspec, value)) {
                throw fail(element, factory, property, text, "does not take it (outside the range of its "
                        + gobject.g_type_name(type) + ")");
            }
            gobject.g_object_set_property(object, property, value);
        } finally {
            gobject.g_value_unset(value);
        }
    }

    private TallyException fail(String element, String factory, String property, String text, String why) {
        return TallyException.missingDependency("element " + element + " (" + factory + ") "
                + (why.startsWith("has no") ? why.replace("such property", "property " + property)
                : "property " + property + " " + why) + ": value '" + text + "' on " + platform);
    }
}
