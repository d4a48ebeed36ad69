/*
 * Test-only transcription of the DeepStream metadata structs Tally reads (field order and types from
 * DeepStream's nvdsmeta.h / nvll_osd_struct.h as listed in docs/jetson.md). TALLY_DS9 selects the 9.x layout
 * (NvOSD_RectParams ends with rotation_angle).
 */
#ifndef TALLY_DSMETA_H
#define TALLY_DSMETA_H
#include <stdint.h>

#ifndef TALLY_DS9
#define TALLY_DS9 0
#endif

typedef struct TGList { void *data; struct TGList *next; struct TGList *prev; } TGList;

typedef struct { double red, green, blue, alpha; } TColor;

typedef struct {
    void *batch_meta; int meta_type; void *uContext; void *copy_func; void *release_func;
} TBaseMeta;

typedef struct { void *p; unsigned int i[2]; } TRecMutex;

typedef struct {
    TBaseMeta base_meta; unsigned int max_frames_in_batch; unsigned int num_frames_in_batch;
    void *frame_meta_pool, *obj_meta_pool, *classifier_meta_pool, *display_meta_pool, *user_meta_pool,
         *label_info_meta_pool;
    TGList *frame_meta_list; TGList *batch_user_meta_list; TRecMutex meta_mutex;
    int64_t misc_batch_info[4]; int64_t reserved[4];
} TBatchMeta;

typedef struct {
    TBaseMeta base_meta; unsigned int pad_index; unsigned int batch_id; int frame_num; uint64_t buf_pts;
    uint64_t ntp_timestamp; unsigned int source_id; int num_surfaces_per_frame; unsigned int source_frame_width;
    unsigned int source_frame_height; unsigned int surface_type; unsigned int surface_index;
    unsigned int num_obj_meta; int bInferDone; TGList *obj_meta_list; TGList *display_meta_list;
    TGList *frame_user_meta_list; int64_t misc_frame_info[4]; unsigned int pipeline_width;
    unsigned int pipeline_height;
} TFrameMeta;

typedef struct {
    float left, top, width, height; unsigned int border_width; TColor border_color; unsigned int has_bg_color;
    unsigned int reserved; TColor bg_color; int has_color_info; int color_id;
#if TALLY_DS9
    float rotation_angle;
#endif
} TRectParams;

typedef struct { float *data; unsigned int size; float threshold; unsigned int width, height; } TMaskParams;
typedef struct { char *font_name; unsigned int font_size; TColor font_color; } TFontParams;
typedef struct {
    char *display_text; unsigned int x_offset, y_offset; TFontParams font_params; int set_bg_clr;
    TColor text_bg_clr;
} TTextParams;
typedef struct { float left, top, width, height; } TBbox;
typedef struct { TBbox org_bbox_coords; } TBboxInfo;

typedef struct TObjectMeta {
    TBaseMeta base_meta; struct TObjectMeta *parent; int unique_component_id; int class_id; uint64_t object_id;
    TBboxInfo detector_bbox_info; TBboxInfo tracker_bbox_info; float confidence; float tracker_confidence;
    TRectParams rect_params; TMaskParams mask_params; TTextParams text_params; char obj_label[128];
    TGList *classifier_meta_list; TGList *obj_user_meta_list; int64_t misc_obj_info[4]; int64_t reserved[4];
} TObjectMeta;

typedef struct { TBaseMeta base_meta; void *user_meta_data; } TUserMeta;

#endif
