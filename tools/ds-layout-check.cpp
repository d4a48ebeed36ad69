/*
 * Prints, from DeepStream's real headers, the offsets `tally deepstream layout` uses, in the same format, so the
 * two can be diffed on a Jetson (see docs/jetson.md). Tally's tests compile it against shim headers over the test
 * transcription (LayoutCheckToolTest); on a Jetson:
 *
 *   g++ -I/opt/nvidia/deepstream/deepstream/sources/includes $(pkg-config --cflags gstreamer-1.0) \
 *       -o /tmp/ds-layout-check tools/ds-layout-check.cpp
 *   diff <(/tmp/ds-layout-check | LC_ALL=C sort) <(tally deepstream layout | tail -n +2)
 */
#include <cstddef>
#include <cstdio>
#include <string> // nvds_analytics_meta.h of 6.0-7.1 uses std::string without including it
#include "nvdsmeta.h"
#include "nvds_analytics_meta.h"

#pragma GCC diagnostic ignored "-Winvalid-offsetof"

#define OFF(type, field) std::printf("%-40s %4d\n", #type "." #field, (int) offsetof(type, field))

int main() {
    OFF(NvDsBatchMeta, num_frames_in_batch);
    OFF(NvDsBatchMeta, frame_meta_list);
    OFF(GList, data);
    OFF(GList, next);
    OFF(NvDsFrameMeta, pad_index);
    OFF(NvDsFrameMeta, frame_num);
    OFF(NvDsFrameMeta, buf_pts);
    OFF(NvDsFrameMeta, ntp_timestamp);
    OFF(NvDsFrameMeta, source_id);
    OFF(NvDsFrameMeta, num_obj_meta);
    OFF(NvDsFrameMeta, bInferDone);
    OFF(NvDsFrameMeta, obj_meta_list);
    OFF(NvDsFrameMeta, frame_user_meta_list);
    OFF(NvDsFrameMeta, pipeline_width);
    OFF(NvDsFrameMeta, pipeline_height);
    OFF(NvDsObjectMeta, unique_component_id);
    OFF(NvDsObjectMeta, class_id);
    OFF(NvDsObjectMeta, object_id);
    OFF(NvDsObjectMeta, confidence);
    OFF(NvDsObjectMeta, rect_params.left);
    OFF(NvDsObjectMeta, rect_params.top);
    OFF(NvDsObjectMeta, rect_params.width);
    OFF(NvDsObjectMeta, rect_params.height);
    OFF(NvDsObjectMeta, obj_label);
    OFF(NvDsUserMeta, base_meta.meta_type);
    OFF(NvDsUserMeta, user_meta_data);
    OFF(NvDsAnalyticsFrameMeta, objInROIcnt);
    OFF(NvDsAnalyticsFrameMeta, objLCCurrCnt);
    OFF(NvDsAnalyticsFrameMeta, objLCCumCnt);
    std::printf("%-40s %4d\n", "sizeof(NvDsBatchMeta)", (int) sizeof(NvDsBatchMeta));
    std::printf("%-40s %4d\n", "sizeof(NvDsObjectMeta)", (int) sizeof(NvDsObjectMeta));
    return 0;
}
