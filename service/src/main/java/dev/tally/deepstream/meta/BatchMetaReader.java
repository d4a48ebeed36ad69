package dev.tally.deepstream.meta;

import com.sun.jna.Pointer;
import dev.tally.frame.Detections;
import dev.tally.frame.FrameResult;
import dev.tally.frame.FrameSink;
import dev.tally.frame.PipelineMonitor;

/**
 * Copies an NvDsBatchMeta into Tally's {@link FrameResult}s: walks the batch's frame list and each frame's object
 * list (GLists), fills the preallocated result of the frame's camera (source id = camera index = nvstreammux
 * pad) and hands it to the sink. Reads raw memory at the offsets of a {@link DsLayout} through one constant
 * zero-based JNA pointer, so nothing is allocated per frame or object, nothing locks and nothing logs.
 * Not thread-safe: one reader per probe (the probe's streaming thread).
 *
 * <p>Boxes are NvDsObjectMeta.rect_params (what nvdsosd draws: tracker-corrected when tracked), converted to
 * corners. object_id 0xFFFFFFFFFFFFFFFF (untracked) is -1, i.e. {@link Detections#UNTRACKED}. Frames whose source
 * id is not a known camera are skipped and counted in {@link #unknownSources()}.
 */
public final class BatchMetaReader {
    /** Address 0: {@code MEM.getInt(addr)} reads the int at absolute address addr without allocating a Pointer. */
    private static final Pointer MEM = new Pointer(0);

    private final FrameResult[] results;
    private final FrameSink sink;
    private final PipelineMonitor monitor;
    private final long framesList;
    private final long listData;
    private final long listNext;
    private final long fSource;
    private final long fFrameNum;
    private final long fPts;
    private final long fNtp;
    private final long fInferDone;
    private final long fObjList;
    private final long fWidth;
    private final long fHeight;
    private final long oClass;
    private final long oObjectId;
    private final long oConfidence;
    private final long oLeft;
    private final long oTop;
    private final long oWidth;
    private final long oHeight;
    private final long fUserList;
    private final long uType;
    private final long uData;
    private final long aRoi;
    private final long aLcCurrent;
    private final long aLcCumulative;
    private final int analyticsMetaType;
    private final AnalyticsCounts[] analytics;
    private long unknownSources;

    /**
     * @param results one per camera, index = camera index; each carries its cameraId and cameraIndex already
     */
    public BatchMetaReader(DsLayout layout, FrameResult[] results, FrameSink sink, PipelineMonitor monitor) {
        this(layout, results, sink, monitor, -1, null);
    }

    /**
     * @param analyticsMetaType nvds_get_user_meta_type("NVIDIA.DSANALYTICSFRAME.USER_META") of the running process
     * @param analytics         one per camera (index = camera index), refilled from that frame user meta
     */
    public BatchMetaReader(DsLayout layout, FrameResult[] results, FrameSink sink, PipelineMonitor monitor,
                           int analyticsMetaType, AnalyticsCounts[] analytics) {
        this.results = results.clone();
        this.analyticsMetaType = analyticsMetaType;
        this.analytics = analytics == null ? null : analytics.clone();
        fUserList = layout.of("NvDsFrameMeta.frame_user_meta_list");
        uType = layout.of("NvDsUserMeta.base_meta.meta_type");
        uData = layout.of("NvDsUserMeta.user_meta_data");
        aRoi = layout.of("NvDsAnalyticsFrameMeta.objInROIcnt");
        aLcCurrent = layout.of("NvDsAnalyticsFrameMeta.objLCCurrCnt");
        aLcCumulative = layout.of("NvDsAnalyticsFrameMeta.objLCCumCnt");
        this.sink = sink;
        this.monitor = monitor;
        framesList = layout.of("NvDsBatchMeta.frame_meta_list");
        listData = layout.of("GList.data");
        listNext = layout.of("GList.next");
        fSource = layout.of("NvDsFrameMeta.source_id");
        fFrameNum = layout.of("NvDsFrameMeta.frame_num");
        fPts = layout.of("NvDsFrameMeta.buf_pts");
        fNtp = layout.of("NvDsFrameMeta.ntp_timestamp");
        fInferDone = layout.of("NvDsFrameMeta.bInferDone");
        fObjList = layout.of("NvDsFrameMeta.obj_meta_list");
        fWidth = layout.of("NvDsFrameMeta.pipeline_width");
        fHeight = layout.of("NvDsFrameMeta.pipeline_height");
        oClass = layout.of("NvDsObjectMeta.class_id");
        oObjectId = layout.of("NvDsObjectMeta.object_id");
        oConfidence = layout.of("NvDsObjectMeta.confidence");
        oLeft = layout.of("NvDsObjectMeta.rect_params.left");
        oTop = layout.of("NvDsObjectMeta.rect_params.top");
        oWidth = layout.of("NvDsObjectMeta.rect_params.width");
        oHeight = layout.of("NvDsObjectMeta.rect_params.height");
    }

    /** Reads the batch at {@code batchMeta} (an NvDsBatchMeta*); returns the number of frames handed on. */
    public int read(long batchMeta) {
        if (batchMeta == 0) {
            return 0;
        }
        int frames = 0;
        for (long l = MEM.getLong(batchMeta + framesList); l != 0; l = MEM.getLong(l + listNext)) {
            long frame = MEM.getLong(l + listData);
            int source = MEM.getInt(frame + fSource);
            if (source < 0 || source >= results.length) {
                unknownSources++;
                continue;
            }
            FrameResult r = results[source];
            fill(r, frame);
            if (analytics != null) {
                readAnalytics(frame, analytics[source], r.frameNumber);
            }
            monitor.frameProcessed(source, r.inferred, PipelineMonitor.UNKNOWN_LATENCY); // nvinfer reports none
            sink.onFrame(r);
            frames++;
        }
        return frames;
    }

    private void fill(FrameResult r, long frame) {
        r.frameNumber = MEM.getInt(frame + fFrameNum);
        r.ptsNanos = MEM.getLong(frame + fPts);
        r.captureEpochNanos = MEM.getLong(frame + fNtp);
        r.width = MEM.getInt(frame + fWidth);
        r.height = MEM.getInt(frame + fHeight);
        r.inferred = MEM.getInt(frame + fInferDone) != 0;
        Detections d = r.detections;
        d.clear();
        for (long l = MEM.getLong(frame + fObjList); l != 0; l = MEM.getLong(l + listNext)) {
            long obj = MEM.getLong(l + listData);
            float left = MEM.getFloat(obj + oLeft);
            float top = MEM.getFloat(obj + oTop);
            d.add(MEM.getInt(obj + oClass), MEM.getFloat(obj + oConfidence), left, top,
                    left + MEM.getFloat(obj + oWidth), top + MEM.getFloat(obj + oHeight), MEM.getLong(obj + oObjectId));
        }
    }

    /** Copies the nvdsanalytics frame user meta, if the frame carries one, into {@code counts}. */
    private void readAnalytics(long frame, AnalyticsCounts counts, long frameNumber) {
        for (long l = MEM.getLong(frame + fUserList); l != 0; l = MEM.getLong(l + listNext)) {
            long user = MEM.getLong(l + listData);
            if (MEM.getInt(user + uType) != analyticsMetaType) {
                continue;
            }
            long meta = MEM.getLong(user + uData);
            StdMapReader.readInts(meta + aRoi, counts.zoneNames, counts.zoneObjects);
            StdMapReader.readLongs(meta + aLcCurrent, counts.lineNames, counts.lineCurrent);
            StdMapReader.readLongs(meta + aLcCumulative, counts.lineNames, counts.lineCumulative);
            counts.frameNumber = frameNumber;
            return;
        }
    }

    /** Frames skipped because their source id was not a configured camera. */
    public long unknownSources() {
        return unknownSources;
    }
}
