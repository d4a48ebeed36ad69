package dev.tally.deepstream.config;

import dev.tally.config.ModelConfig.ModelType;

/**
 * What nvinfer must be told about each TAO architecture's outputs: tensor names, the parser function and
 * its library, the cluster mode the parser expects and the input tensor order. Pre-processing (scale,
 * offsets, colour, aspect) comes from the model record, since it is a property of the trained model.
 *
 * @param clusterMode nvinfer cluster-mode, or -1 to take the model's configured clustering
 * @param inputOrder  nvinfer network-input-order (0 NCHW, 1 NHWC), or -1 to leave it out
 */
public record TaoPreset(String outputBlobs, String parseFunction, boolean customLib, int clusterMode,
                        int inputOrder, int topK) {

    /** The TAO custom parser library (built from NVIDIA's TAO apps post_processor, installed by deploy/jetson). */
    public static final String TAO_PARSER_LIB = "/opt/nvidia/deepstream/deepstream/lib/libnvds_infercustomparser_tao.so";

    public static TaoPreset of(ModelType type) {
        return switch (type) {
            case DETECTNET_V2 -> new TaoPreset("output_bbox/BiasAdd:0;output_cov/Sigmoid:0", null, false, -1, -1, 0);
            case YOLOV3, YOLOV4, YOLOV4_TINY ->
                    new TaoPreset("BatchedNMS", "NvDsInferParseCustomBatchedNMSTLT", true, 3, -1, 0);
            case SSD, DSSD, RETINANET -> new TaoPreset("NMS", "NvDsInferParseCustomNMSTLT", true, 3, -1, 0);
            case EFFICIENTDET -> new TaoPreset("num_detections;detection_boxes;detection_scores;detection_classes",
                    "NvDsInferParseCustomEfficientDetTAO", true, 4, 1, 0);
            case DINO, DEFORMABLE_DETR -> new TaoPreset("pred_boxes;pred_logits", "NvDsInferParseCustomDDETRTAO",
                    true, 4, -1, 300);
            case CLASSIFIER -> new TaoPreset(null, null, false, -1, -1, 0);
        };
    }
}
