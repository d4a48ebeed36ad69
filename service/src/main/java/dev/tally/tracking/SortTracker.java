package dev.tally.tracking;

import dev.tally.config.TrackerConfig;
import dev.tally.frame.Detections;

/**
 * Tally's Java multi-object tracker for the portable backend: SORT-style tracks associated in ByteTrack's
 * order, with a shape-tolerant overlap and motion-gated re-acquisition of lost tracks.
 *
 * <p>Per inferred frame (dt from the frames' timestamps, so dropped frames are longer steps, not lost ones):
 * <pre>
 *   predict every track by dt (constant-velocity Kalman for type=sort, last box for type=iou);
 *       lost tracks keep their last size (size rates frozen)
 *   stage 1: detections with confidence >= high  x  confirmed tracks, tracked and lost for at most max-age
 *            frames                                    (overlap >= iou-threshold)
 *   stage 2: detections in [low, high)            x  confirmed tracks seen last frame, still unmatched
 *                                                    (overlap >= max(iou-threshold, 0.5))
 *   stage 3: detections >= high still unmatched   x  confirmed lost tracks up to reacquire-seconds old,
 *                                                    gated by motion (near the path from where the track was
 *                                                    last seen to where its velocity puts it) and size
 *   stage 4: detections >= high still unmatched   x  tentative tracks (overlap >= iou-threshold)
 *   matched tracks: corrected, hits+1; confirmed (given the next id) once hits >= min-hits
 *   unmatched tracks: tentative ones are dropped, confirmed ones once unmatched for longer than
 *                     max(max-age frames, reacquire-seconds)
 *   detections >= high left over: start a tentative track (no id yet)
 * </pre>
 * New tracks thus only get detections that no existing track wanted, and a track that missed a frame cannot
 * lose its object to a track born from that object's next detection.
 *
 * <p>Overlap is the larger of the boxes' IoU and {@value #SHAPE_WEIGHT} times the IoU of the two boxes'
 * equal-area squares centred where the boxes are: a forklift turning 90 degrees changes its box from wide to
 * tall between frames (box IoU about 0.25) while its centre and area barely move, so it keeps its id.
 *
 * <p>With class-consistent matching a detection only joins a track of its own class. Ids are given at
 * confirmation, increase by one per confirmed track and are never reused, not even after {@link #reset()}.
 * Detections that no confirmed track owns keep {@link Detections#UNTRACKED}; detections are never removed.
 *
 * <p>On a frame without inference the input is ignored and {@code dets} is refilled with the predicted boxes
 * of the confirmed tracks seen at the last inferred frame (class, last confidence, id).
 *
 * <p>Association is greedy by overlap (see {@link GreedyMatcher} for why) over candidates found by a sweep
 * over detections sorted by class and left edge ({@link CandidateIndex}), so a frame costs far less than
 * tracks x detections overlap evaluations.
 *
 * <p>At most {@code maxTracks} tracks exist; a detection that would start one more is left untracked and
 * counted in {@link #overflowCount()}. All state is in arrays allocated up front (detection arrays grow once
 * if a larger {@link Detections} arrives); {@link #update} allocates nothing and takes no locks. Not
 * thread-safe: one tracker per camera, called from one thread.
 */
public final class SortTracker implements Tracker {
    /** Default confidence splitting stage 1 from stage 2 and allowing new tracks. */
    public static final float DEFAULT_HIGH_CONFIDENCE = 0.5f;
    /** Default confidence below which detections are never associated. */
    public static final float DEFAULT_LOW_CONFIDENCE = 0.1f;
    public static final int DEFAULT_MAX_TRACKS = 512;
    /** Frame rate assumed when the caller gives no timestamps, and to turn max-age frames into time. */
    public static final double DEFAULT_FPS = 30;
    /** Detections per frame taken into association; any beyond stay untracked. */
    public static final int MAX_DETECTIONS = 0xFFFF;
    /** Weight of the equal-area-square overlap against the box IoU. */
    static final float SHAPE_WEIGHT = 0.8f;
    /** Re-acquisition gate: radius in track sizes (square root of the area) around the track's path... */
    private static final float GATE_SIZES = 0.75f;
    /** ... growing by this many track sizes per second lost (the object may have stopped or turned). */
    private static final float GATE_SIZES_PER_SECOND = 0.5f;
    /** Re-acquisition: largest ratio between the track's last area and the detection's. */
    private static final float GATE_AREA_RATIO = 2.5f;
    /** Longest step one prediction takes, in nominal frames (a stalled camera does not fling boxes away). */
    private static final float MAX_STEPS = 30f;

    private final int minHits;
    private final long maxAgeNanos;
    private final long keepNanos;
    private final float iouStage1;
    private final float iouStage2;
    private final boolean classConsistent;
    private final float high;
    private final float low;
    private final double frameNanos;
    private final MotionModel motion;
    private final GreedyMatcher matcher;

    // Track slots (struct of arrays). active[0..activeCount) lists the slots in use; free[0..freeCount) the rest.
    private final long[] id;
    private final int[] cls;
    private final float[] conf;
    private final int[] hits;
    private final int[] missed;
    private final long[] lastMatchNanos;
    private final float[] tx1;
    private final float[] ty1;
    private final float[] tx2;
    private final float[] ty2;
    /** Centre and size of the last measured box. */
    private final float[] mcx;
    private final float[] mcy;
    private final float[] mw;
    private final float[] mh;
    private final int[] detOfTrack;
    private final int[] active;
    private final int[] free;
    private int activeCount;
    private int freeCount;

    private int[] trackOfDet = new int[256];
    private CandidateIndex index = new CandidateIndex(256);
    private float maxSide;
    private long nextId = 1;
    private long overflow;
    private long nowNanos;
    private boolean started;

    public SortTracker(TrackerConfig config) {
        this(config, DEFAULT_FPS);
    }

    /** @param fps nominal frame rate: max-age frames last max-age / fps seconds */
    public SortTracker(TrackerConfig config, double fps) {
        this(config, DEFAULT_MAX_TRACKS, DEFAULT_HIGH_CONFIDENCE, DEFAULT_LOW_CONFIDENCE, fps);
    }

    public SortTracker(TrackerConfig config, int maxTracks, float highConfidence, float lowConfidence) {
        this(config, maxTracks, highConfidence, lowConfidence, DEFAULT_FPS);
    }

    /**
     * @param maxTracks most tracks alive at once (tentative + confirmed, lost included), 1..65535
     * @param highConfidence detections at or above it are matched first and may start tracks
     * @param lowConfidence detections below it are never associated
     * @param fps nominal frame rate of the camera
     */
    public SortTracker(TrackerConfig config, int maxTracks, float highConfidence, float lowConfidence, double fps) {
        if (maxTracks < 1 || maxTracks >= 1 << 16) {
            throw new IllegalArgumentException("maxTracks must be in 1..65535: " + maxTracks);
        }
        if (config.minHits() < 1 || config.maxAge() < 1) {
            throw new IllegalArgumentException("min-hits and max-age must be at least 1");
        }
        if (!(fps > 0) || config.reacquireSeconds() < 0) {
            throw new IllegalArgumentException("fps must be positive and reacquire-seconds not negative");
        }
        this.motion = switch (config.type()) {
            case SORT -> new ConstantVelocityModel(maxTracks);
            case IOU -> new LastBoxModel(maxTracks);
            default -> throw new IllegalArgumentException(
                    "tracker.type = " + config.type().key + " is not available on the portable backend (iou, sort)");
        };
        this.frameNanos = 1e9 / fps;
        this.minHits = config.minHits();
        this.maxAgeNanos = Math.round(config.maxAge() * frameNanos);
        this.keepNanos = Math.max(maxAgeNanos, Math.round(config.reacquireSeconds() * 1e9));
        this.iouStage1 = config.iouThreshold();
        this.iouStage2 = Math.max(config.iouThreshold(), 0.5f);
        this.classConsistent = config.classConsistent();
        this.high = highConfidence;
        this.low = lowConfidence;
        this.matcher = new GreedyMatcher(Math.max(4096, maxTracks * 16));
        id = new long[maxTracks];
        cls = new int[maxTracks];
        conf = new float[maxTracks];
        hits = new int[maxTracks];
        missed = new int[maxTracks];
        lastMatchNanos = new long[maxTracks];
        tx1 = new float[maxTracks];
        ty1 = new float[maxTracks];
        tx2 = new float[maxTracks];
        ty2 = new float[maxTracks];
        mcx = new float[maxTracks];
        mcy = new float[maxTracks];
        mw = new float[maxTracks];
        mh = new float[maxTracks];
        detOfTrack = new int[maxTracks];
        active = new int[maxTracks];
        free = new int[maxTracks];
        reset();
    }

    /** Frames at the nominal rate: each call is one frame interval after the previous one. */
    @Override
    public void update(Detections dets, boolean inferred) {
        update(dets, inferred, started ? nowNanos + Math.round(frameNanos) : 0L);
    }

    @Override
    public void update(Detections dets, boolean inferred, long timestampNanos) {
        float steps = 1f;
        if (started) {
            long dt = timestampNanos - nowNanos;
            steps = dt < 0 ? 1f : (float) Math.min(MAX_STEPS, dt / frameNanos);
            if (dt < 0) {
                timestampNanos = nowNanos + Math.round(frameNanos); // time went backwards (stream restart)
            }
        }
        started = true;
        nowNanos = timestampNanos;
        for (int i = 0; i < activeCount; i++) {
            int s = active[i];
            motion.predict(s, steps, missed[s] > 0);
            refreshBox(s);
            detOfTrack[s] = -1;
        }
        if (!inferred) {
            emitPredictions(dets);
            return;
        }
        int n = Math.min(dets.count(), MAX_DETECTIONS);
        for (int d = n; d < dets.count(); d++) {
            dets.trackId[d] = Detections.UNTRACKED;
        }
        if (trackOfDet.length < n) {
            trackOfDet = new int[Math.max(n, trackOfDet.length * 2)];
            index = new CandidateIndex(trackOfDet.length);
        }
        for (int d = 0; d < n; d++) {
            trackOfDet[d] = -1;
        }
        match(dets, n, 1);
        match(dets, n, 2);
        reacquire(dets, n);
        match(dets, n, 4);
        finishTracks(dets);
        startTracks(dets, n);
    }

    @Override
    public void reset() {
        activeCount = 0;
        freeCount = id.length;
        for (int i = 0; i < freeCount; i++) {
            free[i] = freeCount - 1 - i;
        }
        started = false;
    }

    /** Tracks that could not be started because {@code maxTracks} were alive, since construction. */
    public long overflowCount() {
        return overflow;
    }

    /** Tracks alive now: tentative, confirmed and lost. */
    public int activeTracks() {
        return activeCount;
    }

    private boolean eligible(int s, int stage) {
        if (detOfTrack[s] >= 0) {
            return false;
        }
        boolean confirmed = id[s] != Detections.UNTRACKED;
        return switch (stage) {
            case 1 -> confirmed && nowNanos - lastMatchNanos[s] <= maxAgeNanos + frameNanos / 2;
            case 2 -> confirmed && missed[s] == 0;
            default -> !confirmed;
        };
    }

    private void match(Detections dets, int n, int stage) {
        index.clear();
        maxSide = 0f;
        for (int d = 0; d < n; d++) {
            float c = dets.confidence[d];
            if (trackOfDet[d] < 0 && (stage != 2 ? c >= high : c < high && c >= low)) {
                index.add(classConsistent ? dets.classId[d] : 0, dets.x1[d], dets.x2[d], d);
                maxSide = Math.max(maxSide, (float) Math.sqrt(dets.width(d) * dets.height(d)));
            }
        }
        if (index.size() == 0) {
            return;
        }
        index.sort();
        matcher.clear();
        float gate = stage == 2 ? iouStage2 : iouStage1;
        for (int i = 0; i < activeCount; i++) {
            int s = active[i];
            if (!eligible(s, stage)) {
                continue;
            }
            int key = classConsistent ? cls[s] & 0x7FFF : 0;
            float tcx = (tx1[s] + tx2[s]) * 0.5f;
            float reach = ((float) Math.sqrt((tx2[s] - tx1[s]) * (ty2[s] - ty1[s])) + maxSide) * 0.5f;
            float left = Math.min(tx1[s], tcx - reach);
            float right = Math.max(tx2[s], tcx + reach);
            for (int k = index.first(key, left); k < index.size() && index.classKey(k) == key; k++) {
                int d = index.det(k);
                if (dets.x1[d] >= right) {
                    break;
                }
                if (classConsistent && dets.classId[d] != cls[s]) {
                    continue;
                }
                float o = overlap(tx1[s], ty1[s], tx2[s], ty2[s], dets.x1[d], dets.y1[d], dets.x2[d], dets.y2[d]);
                if (o >= gate && o > 0f && !matcher.add(o, s, d)) {
                    break;
                }
            }
        }
        matcher.assign(trackOfDet, detOfTrack);
    }

    /**
     * Stage 3: lost confirmed tracks take unmatched high-confidence detections near their path (the segment
     * from where they were last measured to where their velocity puts them now), of a similar area; nearest
     * (relative to the gate) first.
     */
    private void reacquire(Detections dets, int n) {
        matcher.clear();
        boolean any = false;
        for (int i = 0; i < activeCount; i++) {
            int s = active[i];
            if (detOfTrack[s] >= 0 || id[s] == Detections.UNTRACKED || missed[s] == 0) {
                continue;
            }
            float size = (float) Math.sqrt(mw[s] * mh[s]);
            float lostSeconds = (nowNanos - lastMatchNanos[s]) * 1e-9f;
            float radius = size * (GATE_SIZES + GATE_SIZES_PER_SECOND * lostSeconds);
            float area = mw[s] * mh[s];
            float px = (tx1[s] + tx2[s]) * 0.5f;
            float py = (ty1[s] + ty2[s]) * 0.5f;
            for (int d = 0; d < n; d++) {
                if (trackOfDet[d] >= 0 || dets.confidence[d] < high
                        || (classConsistent && dets.classId[d] != cls[s])) {
                    continue;
                }
                float da = dets.width(d) * dets.height(d);
                if (da * GATE_AREA_RATIO < area || da > area * GATE_AREA_RATIO) {
                    continue;
                }
                float dist = segmentDistance(cx(dets, d), cy(dets, d), mcx[s], mcy[s], px, py);
                if (dist < radius && matcher.add(1f - dist / radius, s, d)) {
                    any = true;
                }
            }
        }
        if (any) {
            matcher.assign(trackOfDet, detOfTrack);
        }
    }

    /** Corrects matched tracks, ages and drops unmatched ones, writes ids. */
    private void finishTracks(Detections dets) {
        int i = 0;
        while (i < activeCount) {
            int s = active[i];
            int d = detOfTrack[s];
            if (d >= 0) {
                float w = dets.width(d);
                float h = dets.height(d);
                if (missed[s] > 0 && nowNanos - lastMatchNanos[s] > maxAgeNanos + frameNanos / 2) {
                    motion.init(s, cx(dets, d), cy(dets, d), w, h); // re-acquired: its old velocity is stale
                } else {
                    motion.update(s, cx(dets, d), cy(dets, d), w, h);
                }
                hits[s]++;
                missed[s] = 0;
                lastMatchNanos[s] = nowNanos;
                conf[s] = dets.confidence[d];
                mcx[s] = cx(dets, d);
                mcy[s] = cy(dets, d);
                mw[s] = w;
                mh[s] = h;
                if (!classConsistent) {
                    cls[s] = dets.classId[d];
                }
                if (id[s] == Detections.UNTRACKED && hits[s] >= minHits) {
                    id[s] = nextId++;
                }
                dets.trackId[d] = id[s];
                i++;
            } else if (id[s] == Detections.UNTRACKED || nowNanos - lastMatchNanos[s] > keepNanos) {
                active[i] = active[--activeCount];
                free[freeCount++] = s;
            } else {
                missed[s]++;
                i++;
            }
        }
    }

    /** Starts tentative tracks from unmatched high-confidence detections; the rest stay untracked. */
    private void startTracks(Detections dets, int n) {
        for (int d = 0; d < n; d++) {
            if (trackOfDet[d] >= 0) {
                continue;
            }
            dets.trackId[d] = Detections.UNTRACKED;
            if (dets.confidence[d] < high) {
                continue;
            }
            if (freeCount == 0) {
                overflow++;
                continue;
            }
            int s = free[--freeCount];
            active[activeCount++] = s;
            float w = dets.width(d);
            float h = dets.height(d);
            motion.init(s, cx(dets, d), cy(dets, d), w, h);
            cls[s] = dets.classId[d];
            conf[s] = dets.confidence[d];
            hits[s] = 1;
            missed[s] = 0;
            lastMatchNanos[s] = nowNanos;
            mcx[s] = cx(dets, d);
            mcy[s] = cy(dets, d);
            mw[s] = w;
            mh[s] = h;
            id[s] = minHits <= 1 ? nextId++ : Detections.UNTRACKED;
            dets.trackId[d] = id[s];
        }
    }

    private void emitPredictions(Detections dets) {
        dets.clear();
        for (int i = 0; i < activeCount; i++) {
            int s = active[i];
            if (id[s] != Detections.UNTRACKED && missed[s] == 0) {
                dets.add(cls[s], conf[s], tx1[s], ty1[s], tx2[s], ty2[s], id[s]);
            }
        }
    }

    private void refreshBox(int s) {
        float hw = motion.get(s, 2) * 0.5f;
        float hh = motion.get(s, 3) * 0.5f;
        tx1[s] = motion.get(s, 0) - hw;
        tx2[s] = motion.get(s, 0) + hw;
        ty1[s] = motion.get(s, 1) - hh;
        ty2[s] = motion.get(s, 1) + hh;
    }

    /**
     * Overlap of a track box and a detection box: the larger of their IoU and {@link #SHAPE_WEIGHT} times the
     * IoU of equal-area squares at the boxes' centres (which ignores a change of aspect ratio).
     */
    static float overlap(float ax1, float ay1, float ax2, float ay2, float bx1, float by1, float bx2, float by2) {
        float iou = GreedyMatcher.iou(ax1, ay1, ax2, ay2, bx1, by1, bx2, by2);
        float ha = (float) Math.sqrt((ax2 - ax1) * (ay2 - ay1)) * 0.5f;
        float hb = (float) Math.sqrt((bx2 - bx1) * (by2 - by1)) * 0.5f;
        float acx = (ax1 + ax2) * 0.5f;
        float acy = (ay1 + ay2) * 0.5f;
        float bcx = (bx1 + bx2) * 0.5f;
        float bcy = (by1 + by2) * 0.5f;
        float sq = GreedyMatcher.iou(acx - ha, acy - ha, acx + ha, acy + ha, bcx - hb, bcy - hb, bcx + hb, bcy + hb);
        return Math.max(iou, SHAPE_WEIGHT * sq);
    }

    /** Distance from point p to the segment a-b. */
    static float segmentDistance(float px, float py, float ax, float ay, float bx, float by) {
        float dx = bx - ax;
        float dy = by - ay;
        float len2 = dx * dx + dy * dy;
        float t = len2 > 0f ? Math.max(0f, Math.min(1f, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0f;
        float ex = ax + t * dx - px;
        float ey = ay + t * dy - py;
        return (float) Math.sqrt(ex * ex + ey * ey);
    }

    private static float cx(Detections dets, int d) {
        return (dets.x1[d] + dets.x2[d]) * 0.5f;
    }

    private static float cy(Detections dets, int d) {
        return (dets.y1[d] + dets.y2[d]) * 0.5f;
    }
}
