package dev.tally.deepstream.config;

import dev.tally.TallyException;
import dev.tally.config.ModelConfig.ModelType;
import dev.tally.deepstream.DsVersion;

/**
 * What nvinfer must be told about each TAO architecture's outputs: tensor names, the parser function and
 * its library, the cluster mode the parser expects and the input tensor order. Pre-processing (scale,
 * offsets, colour, aspect) comes from the model record, since it is a property of the trained model.
 *
 * <p>Parsers come from the library every DeepStream install ships, {@link #STOCK_PARSER_LIB}: NMSTLT,
 * BatchedNMSTLT and EfficientDetTAO (6.2+), DDETRTAO (7.0+), RTDETRTAO (9.0+). RT-DETR before 9.0 uses the parser
 * NVIDIA publishes with its RT-DETR reference config, built by deploy/jetson/install.sh into {@link #RTDETR_PARSER_LIB}.
 *
 * @param clusterMode nvinfer cluster-mode, or -1 to take the model's configured clustering
 * @param inputOrder  nvinfer network-input-order (0 NCHW, 1 NHWC), or -1 to leave it out
 * @param library     custom-lib-path, or null for nvinfer's built-in parser
 */
public record TaoPreset(String outputBlobs, String parseFunction, String library, int clusterMode,
                        int inputOrder, int topK) {

    /** The custom parser library of every DeepStream install (sources/libs/nvdsinfer_customparser). */
    public static final String STOCK_PARSER_LIB = "/opt/nvidia/deepstream/deepstream/lib/libnvds_infercustomparser.so";
    /** NVIDIA's RT-DETR parser for DeepStream before 9.0, as deploy/jetson/install.sh --rtdetr-parser builds it. */
    public static final String RTDETR_PARSER_LIB = "/opt/tally/lib/libnvds_infercustomparser_rtdetr.so";

    /** The preset of {@code type} on DeepStream {@code version}; exit 2 when that release has no parser for it. */
    public static TaoPreset of(ModelType type, DsVersion version) {
        TaoPreset p = switch (type) {
            case DETECTNET_V2 -> new TaoPreset("output_bbox/BiasAdd:0;output_cov/Sigmoid:0", null, null, -1, -1, 0);
            case YOLOV3, YOLOV4, YOLOV4_TINY ->
                    stock("BatchedNMS", "NvDsInferParseCustomBatchedNMSTLT", 3, -1, 0);
            // NVIDIA's SSD/DSSD/RetinaNet configs set no cluster-mode (0); the NMS plugin has clustered already.
            case SSD, DSSD, RETINANET -> stock("NMS", "NvDsInferParseCustomNMSTLT", 0, -1, 0);
            case EFFICIENTDET -> stock("num_detections;detection_boxes;detection_scores;detection_classes",
                    "NvDsInferParseCustomEfficientDetTAO", 4, 1, 0);
            case DINO, DEFORMABLE_DETR -> stock("pred_boxes;pred_logits", "NvDsInferParseCustomDDETRTAO", 4, -1, 300);
            case RTDETR -> version.stockParserHas("NvDsInferParseCustomRTDETRTAO")
                    ? stock("pred_logits;pred_boxes", "NvDsInferParseCustomRTDETRTAO", 4, -1, 0)
                    : new TaoPreset("pred_logits;pred_boxes", "NvDsInferParseCustomDDETRTAO", RTDETR_PARSER_LIB, 4,
                            -1, 0);
            case CLASSIFIER -> new TaoPreset(null, null, null, -1, -1, 0);
        };
        if (STOCK_PARSER_LIB.equals(p.library()) && !version.stockParserHas(p.parseFunction())) {
            throw TallyException.badConfig("model.type = " + type.key + " needs "
                    + p.parseFunction() + ", which DeepStream " + version + "'s " + STOCK_PARSER_LIB
                    + " does not have (it has since " + (p.parseFunction().contains("DDETR") ? "7.0" : "9.0") + ")");
        }
        return p;
    }

    private static TaoPreset stock(String outputs, String function, int clusterMode, int inputOrder, int topK) {
        return new TaoPreset(outputs, function, STOCK_PARSER_LIB, clusterMode, inputOrder, topK);
    }
}
