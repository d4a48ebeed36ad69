package dev.tally.config;

/**
 * Multi-object tracker settings (Java tracker on the portable backend, nvtracker on DeepStream).
 *
 * @param reacquireSeconds how long the portable tracker keeps a lost track to re-find it after an occlusion
 *     (motion-gated); 0 keeps lost tracks for max-age frames only
 */
public record TrackerConfig(TrackerType type, int minHits, int maxAge, float iouThreshold,
                            boolean classConsistent, int width, int height, float reacquireSeconds) {
    /** Default of {@code tracker.reacquire-seconds}. */
    public static final float DEFAULT_REACQUIRE_SECONDS = 3f;

    public TrackerConfig(TrackerType type, int minHits, int maxAge, float iouThreshold, boolean classConsistent,
                         int width, int height) {
        this(type, minHits, maxAge, iouThreshold, classConsistent, width, height, DEFAULT_REACQUIRE_SECONDS);
    }

    public enum TrackerType {
        IOU("iou"), SORT("sort"), NVSORT("nvsort"), NVDCF_PERF("nvdcf-perf"), NVDCF_ACCURACY("nvdcf-accuracy");

        public final String key;

        TrackerType(String key) {
            this.key = key;
        }
    }
}
