package dev.tally.config;

/** Multi-object tracker settings (Java tracker on the portable backend, nvtracker on DeepStream). */
public record TrackerConfig(TrackerType type, int minHits, int maxAge, float iouThreshold,
                            boolean classConsistent, int width, int height) {

    public enum TrackerType {
        IOU("iou"), SORT("sort"), NVSORT("nvsort"), NVDCF_PERF("nvdcf-perf"), NVDCF_ACCURACY("nvdcf-accuracy");

        public final String key;

        TrackerType(String key) {
            this.key = key;
        }
    }
}
