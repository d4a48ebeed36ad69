/*
 * Test-only transcription of the DeepStream metadata structs Tally reads (field order and types as listed in
 * docs/jetson.md and Tally's DsStructs), compiled by BatchMetaReaderTest with gcc, once per layout:
 *   -DTALLY_DS9=0  DeepStream 6.x-8.x
 *   -DTALLY_DS9=1  DeepStream 9.x (NvOSD_RectParams ends with rotation_angle)
 * tally_build_batch() lays out a batch in memory the way DeepStream does (GLists of frame and object metas)
 * with values derived from indexes (see the test); tally_offsetof() reports offsetof()/sizeof() by name.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tally_dsmeta.h"

static TGList *append(TGList *head, void *data) {
    TGList *node = calloc(1, sizeof(TGList));
    node->data = data;
    if (!head) return node;
    TGList *l = head;
    while (l->next) l = l->next;
    l->next = node;
    node->prev = l;
    return head;
}

/* Frame f (0..frames-1): source_id = (f * 2 + 1) % 4, frame_num = 100 + f, buf_pts = 1e9 * (f + 1) + 7,
 * ntp = 1.7e18 + f, 1280x720, bInferDone = f % 2 == 0, objects = f + 1.
 * Object o of frame f: class_id = o % 3, object_id = o == 1 ? UINT64_MAX : 1000 * f + o,
 * confidence = 0.5 + 0.125 * o, rect = (10 + 100 * o + f, 20 + o, 30 + o, 40 + f). Decoys elsewhere. */
void *tally_build_batch(int frames) {
    TBatchMeta *b = calloc(1, sizeof(TBatchMeta));
    b->max_frames_in_batch = 4;
    b->num_frames_in_batch = (unsigned int) frames;
    for (int f = 0; f < frames; f++) {
        TFrameMeta *fm = calloc(1, sizeof(TFrameMeta));
        fm->base_meta.batch_meta = b;
        fm->pad_index = (unsigned int) ((f * 2 + 1) % 4);
        fm->batch_id = (unsigned int) f;
        fm->frame_num = 100 + f;
        fm->buf_pts = 1000000000ULL * (uint64_t) (f + 1) + 7;
        fm->ntp_timestamp = 1700000000000000000ULL + (uint64_t) f;
        fm->source_id = (unsigned int) ((f * 2 + 1) % 4);
        fm->num_surfaces_per_frame = 1;
        fm->source_frame_width = 1920;
        fm->source_frame_height = 1080;
        fm->num_obj_meta = (unsigned int) (f + 1);
        fm->bInferDone = f % 2 == 0;
        fm->pipeline_width = 1280;
        fm->pipeline_height = 720;
        for (int o = 0; o <= f; o++) {
            TObjectMeta *om = calloc(1, sizeof(TObjectMeta));
            om->base_meta.batch_meta = b;
            om->unique_component_id = 1;
            om->class_id = o % 3;
            om->object_id = o == 1 ? UINT64_MAX : (uint64_t) (1000 * f + o);
            om->detector_bbox_info.org_bbox_coords = (TBbox) {-1, -1, -1, -1};
            om->tracker_bbox_info.org_bbox_coords = (TBbox) {-2, -2, -2, -2};
            om->confidence = 0.5f + 0.125f * (float) o;
            om->tracker_confidence = -3;
            om->rect_params.left = 10.0f + 100.0f * (float) o + (float) f;
            om->rect_params.top = 20.0f + (float) o;
            om->rect_params.width = 30.0f + (float) o;
            om->rect_params.height = 40.0f + (float) f;
            om->rect_params.border_width = 99;
#if TALLY_DS9
            om->rect_params.rotation_angle = 45.0f;
#endif
            strcpy(om->obj_label, o % 3 == 0 ? "forklift" : o % 3 == 1 ? "person" : "pallet");
            fm->obj_meta_list = append(fm->obj_meta_list, om);
        }
        b->frame_meta_list = append(b->frame_meta_list, fm);
    }
    return b;
}

/* Appends a user meta of this type (data not owned) to frame f's frame_user_meta_list. */
void tally_attach_user_meta(void *batch, int f, int meta_type, void *data) {
    TGList *l = ((TBatchMeta *) batch)->frame_meta_list;
    for (int i = 0; i < f && l; i++) l = l->next;
    if (!l) return;
    TFrameMeta *fm = l->data;
    TUserMeta *um = calloc(1, sizeof(TUserMeta));
    um->base_meta.meta_type = meta_type;
    um->user_meta_data = data;
    fm->frame_user_meta_list = append(fm->frame_user_meta_list, um);
}

static void free_list(TGList *l, int free_data) {
    while (l) {
        TGList *next = l->next;
        if (free_data) free(l->data);
        free(l);
        l = next;
    }
}

void tally_free_batch(void *batch) {
    TBatchMeta *b = batch;
    for (TGList *l = b->frame_meta_list; l; l = l->next) {
        free_list(((TFrameMeta *) l->data)->obj_meta_list, 1);
        free_list(((TFrameMeta *) l->data)->frame_user_meta_list, 1);
    }
    free_list(b->frame_meta_list, 1);
    free(b);
}

#define OFF(name, type, field) if (strcmp(q, name) == 0) return (long) offsetof(type, field)

long tally_offsetof(const char *q) {
    OFF("NvDsBatchMeta.num_frames_in_batch", TBatchMeta, num_frames_in_batch);
    OFF("NvDsBatchMeta.frame_meta_list", TBatchMeta, frame_meta_list);
    OFF("GList.data", TGList, data);
    OFF("GList.next", TGList, next);
    OFF("NvDsFrameMeta.pad_index", TFrameMeta, pad_index);
    OFF("NvDsFrameMeta.frame_num", TFrameMeta, frame_num);
    OFF("NvDsFrameMeta.buf_pts", TFrameMeta, buf_pts);
    OFF("NvDsFrameMeta.ntp_timestamp", TFrameMeta, ntp_timestamp);
    OFF("NvDsFrameMeta.source_id", TFrameMeta, source_id);
    OFF("NvDsFrameMeta.num_obj_meta", TFrameMeta, num_obj_meta);
    OFF("NvDsFrameMeta.bInferDone", TFrameMeta, bInferDone);
    OFF("NvDsFrameMeta.obj_meta_list", TFrameMeta, obj_meta_list);
    OFF("NvDsFrameMeta.frame_user_meta_list", TFrameMeta, frame_user_meta_list);
    OFF("NvDsFrameMeta.pipeline_width", TFrameMeta, pipeline_width);
    OFF("NvDsFrameMeta.pipeline_height", TFrameMeta, pipeline_height);
    OFF("NvDsObjectMeta.unique_component_id", TObjectMeta, unique_component_id);
    OFF("NvDsObjectMeta.class_id", TObjectMeta, class_id);
    OFF("NvDsObjectMeta.object_id", TObjectMeta, object_id);
    OFF("NvDsObjectMeta.confidence", TObjectMeta, confidence);
    OFF("NvDsObjectMeta.rect_params.left", TObjectMeta, rect_params.left);
    OFF("NvDsObjectMeta.rect_params.top", TObjectMeta, rect_params.top);
    OFF("NvDsObjectMeta.rect_params.width", TObjectMeta, rect_params.width);
    OFF("NvDsObjectMeta.rect_params.height", TObjectMeta, rect_params.height);
    OFF("NvDsObjectMeta.obj_label", TObjectMeta, obj_label);
    OFF("NvDsUserMeta.base_meta.meta_type", TUserMeta, base_meta.meta_type);
    OFF("NvDsUserMeta.user_meta_data", TUserMeta, user_meta_data);
    if (strcmp(q, "sizeof(NvDsBatchMeta)") == 0) return (long) sizeof(TBatchMeta);
    if (strcmp(q, "sizeof(NvDsObjectMeta)") == 0) return (long) sizeof(TObjectMeta);
    return -1;
}

/* Stand-in for libnvdsgst_meta's gst_buffer_get_nvds_batch_meta: every buffer carries the planted batch. */
static void *planted_batch;

void tally_plant(void *batch) {
    planted_batch = batch;
}

void *gst_buffer_get_nvds_batch_meta(void *buffer) {
    return buffer ? planted_batch : NULL;
}
