package dev.tally.deepstream.meta;

/**
 * The DeepStream metadata structs Tally reads, transcribed field by field (order and types from DeepStream's
 * nvdsmeta.h and nvll_osd_struct.h, see docs/jetson.md) into {@link StructLayout}s. Fields after the last one
 * Tally reads are listed only where they move a later field or the struct size.
 */
final class DsStructs {
    private DsStructs() {
    }

    static StructLayout color() {
        return new StructLayout().f64("red").f64("green").f64("blue").f64("alpha");
    }

    static StructLayout baseMeta() {
        return new StructLayout().ptr("batch_meta").i32("meta_type").ptr("uContext").ptr("copy_func")
                .ptr("release_func");
    }

    static StructLayout glist() {
        return new StructLayout().ptr("data").ptr("next").ptr("prev");
    }

    static StructLayout batchMeta() {
        StructLayout recMutex = new StructLayout().ptr("p").array("i", 4, 2);
        StructLayout s = new StructLayout().struct("base_meta", baseMeta()).i32("max_frames_in_batch")
                .i32("num_frames_in_batch");
        for (String pool : new String[] {"frame", "obj", "classifier", "display", "user", "label_info"}) {
            s.ptr(pool + "_meta_pool");
        }
        return s.ptr("frame_meta_list").ptr("batch_user_meta_list").struct("meta_mutex", recMutex)
                .array("misc_batch_info", 8, 4).array("reserved", 8, 4);
    }

    static StructLayout frameMeta() {
        return new StructLayout().struct("base_meta", baseMeta()).i32("pad_index").i32("batch_id").i32("frame_num")
                .i64("buf_pts").i64("ntp_timestamp").i32("source_id").i32("num_surfaces_per_frame")
                .i32("source_frame_width").i32("source_frame_height").i32("surface_type").i32("surface_index")
                .i32("num_obj_meta").i32("bInferDone").ptr("obj_meta_list").ptr("display_meta_list")
                .ptr("frame_user_meta_list").array("misc_frame_info", 8, 4).i32("pipeline_width")
                .i32("pipeline_height");
    }

    /** NvOSD_RectParams; DeepStream 9 appends {@code rotation_angle}. */
    static StructLayout rectParams(boolean rotation) {
        StructLayout s = new StructLayout().i32("left").i32("top").i32("width").i32("height").i32("border_width")
                .struct("border_color", color()).i32("has_bg_color").i32("reserved").struct("bg_color", color())
                .i32("has_color_info").i32("color_id");
        return rotation ? s.i32("rotation_angle") : s;
    }

    static StructLayout maskParams() {
        return new StructLayout().ptr("data").i32("size").i32("threshold").i32("width").i32("height");
    }

    static StructLayout textParams() {
        StructLayout font = new StructLayout().ptr("font_name").i32("font_size").struct("font_color", color());
        return new StructLayout().ptr("display_text").i32("x_offset").i32("y_offset").struct("font_params", font)
                .i32("set_bg_clr").struct("text_bg_clr", color());
    }

    static StructLayout objectMeta(boolean rotation) {
        StructLayout bbox = new StructLayout().i32("left").i32("top").i32("width").i32("height");
        StructLayout bboxInfo = new StructLayout().struct("org_bbox_coords", bbox);
        return new StructLayout().struct("base_meta", baseMeta()).ptr("parent").i32("unique_component_id")
                .i32("class_id").i64("object_id").struct("detector_bbox_info", bboxInfo)
                .struct("tracker_bbox_info", bboxInfo).i32("confidence").i32("tracker_confidence")
                .struct("rect_params", rectParams(rotation)).struct("mask_params", maskParams())
                .struct("text_params", textParams()).array("obj_label", 1, 128).ptr("classifier_meta_list")
                .ptr("obj_user_meta_list").array("misc_obj_info", 8, 4).array("reserved", 8, 4);
    }

    /** NvDsAnalyticsFrameMeta (C++): four libstdc++ unordered_maps (56 bytes each), unique_id, objCnt. */
    static StructLayout analyticsFrameMeta() {
        int map = StdMapReader.MAP_SIZE;
        return new StructLayout().field("ocStatus", map, 8).field("objInROIcnt", map, 8)
                .field("objLCCurrCnt", map, 8).field("objLCCumCnt", map, 8).i32("unique_id")
                .field("objCnt", map, 8);
    }

    static StructLayout userMeta() {
        return new StructLayout().struct("base_meta", baseMeta()).ptr("user_meta_data");
    }
}
