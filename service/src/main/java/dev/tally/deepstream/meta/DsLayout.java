package dev.tally.deepstream.meta;

import dev.tally.TallyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte offsets {@link BatchMetaReader} reads, for one family of DeepStream versions: 6.x–8.x, and 9.x whose
 * NvOSD_RectParams gained {@code rotation_angle} (moving every later field of NvDsObjectMeta). Chosen from the
 * installed version file; an unknown version is refused rather than read as garbage.
 */
public record DsLayout(String name, Map<String, Integer> offsets) {
    public static final Path VERSION_FILE = Path.of("/opt/nvidia/deepstream/deepstream/version");

    /** Names of the offsets, as {@code struct.field}; the C test library reports offsetof() under the same names. */
    static final String[] FIELDS = {
        "NvDsBatchMeta.num_frames_in_batch", "NvDsBatchMeta.frame_meta_list",
        "GList.data", "GList.next",
        "NvDsFrameMeta.pad_index", "NvDsFrameMeta.frame_num", "NvDsFrameMeta.buf_pts", "NvDsFrameMeta.ntp_timestamp",
        "NvDsFrameMeta.source_id", "NvDsFrameMeta.num_obj_meta", "NvDsFrameMeta.bInferDone",
        "NvDsFrameMeta.obj_meta_list", "NvDsFrameMeta.frame_user_meta_list", "NvDsFrameMeta.pipeline_width",
        "NvDsFrameMeta.pipeline_height",
        "NvDsObjectMeta.unique_component_id", "NvDsObjectMeta.class_id", "NvDsObjectMeta.object_id",
        "NvDsObjectMeta.confidence", "NvDsObjectMeta.rect_params.left", "NvDsObjectMeta.rect_params.top",
        "NvDsObjectMeta.rect_params.width", "NvDsObjectMeta.rect_params.height", "NvDsObjectMeta.obj_label",
        "NvDsUserMeta.base_meta.meta_type", "NvDsUserMeta.user_meta_data",
        "NvDsAnalyticsFrameMeta.objInROIcnt", "NvDsAnalyticsFrameMeta.objLCCurrCnt",
        "NvDsAnalyticsFrameMeta.objLCCumCnt",
    };

    public static final DsLayout DS6_TO_8 = build("deepstream-6.x-8.x", false);
    public static final DsLayout DS9 = build("deepstream-9.x", true);

    public int of(String field) {
        Integer o = offsets.get(field);
        if (o == null) {
            throw new IllegalArgumentException("no offset " + field);
        }
        return o;
    }

    private static DsLayout build(String name, boolean rotation) {
        Map<String, StructLayout> structs = Map.of("NvDsBatchMeta", DsStructs.batchMeta(), "GList", DsStructs.glist(),
                "NvDsFrameMeta", DsStructs.frameMeta(), "NvDsObjectMeta", DsStructs.objectMeta(rotation),
                "NvDsUserMeta", DsStructs.userMeta(), "NvDsAnalyticsFrameMeta", DsStructs.analyticsFrameMeta());
        Map<String, Integer> offsets = new LinkedHashMap<>();
        for (String f : FIELDS) {
            int dot = f.indexOf('.');
            offsets.put(f, structs.get(f.substring(0, dot)).offset(f.substring(dot + 1)));
        }
        for (String s : new String[] {"NvDsBatchMeta", "NvDsObjectMeta"}) {
            offsets.put("sizeof(" + s + ")", structs.get(s).size());
        }
        return new DsLayout(name, Map.copyOf(offsets));
    }

    /** The layout for a DeepStream version string such as "7.1" or "9.0.0". */
    public static DsLayout forVersion(String version) {
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(version);
        int major = m.find() ? Integer.parseInt(m.group(1)) : -1;
        if (major >= 6 && major <= 8) {
            return DS6_TO_8;
        }
        if (major == 9) {
            return DS9;
        }
        throw TallyException.missingDependency("DeepStream version '" + version.strip()
                + "' is not supported (Tally knows the metadata layouts of 6.x-8.x and 9.x); "
                + "use backend = portable or a supported DeepStream");
    }

    /** Reads the installed version ("Version: 7.1" in {@code file}) and picks its layout. */
    public static DsLayout installed(Path file) {
        if (!Files.exists(file)) {
            throw TallyException.missingDependency("DeepStream is not installed here (" + file
                    + " does not exist)");
        }
        try {
            String text = Files.readString(file);
            Matcher m = Pattern.compile("(?i)version:?\\s*([0-9][0-9.]*)").matcher(text);
            return forVersion(m.find() ? m.group(1) : text);
        } catch (IOException e) {
            throw TallyException.missingDependency("cannot read DeepStream version from " + file
                    + ": " + e.getMessage());
        }
    }
}
