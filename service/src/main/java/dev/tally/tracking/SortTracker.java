package dev.tally.tracking;

import dev.tally.config.TrackerConfig;
import dev.tally.frame.Detections;

/**
 * Tally's Java multi-object tracker for the portable backend: SORT-style tracks with ByteTrack-style
 * two-stage association.
 *
 * <p>Per inferred frame:
 * <pre>
 *   predict every track (constant-velocity Kalman for type=sort, last box for type=iou)
 *   stage 1: detections with confidence >= high  x  all tracks           (IoU >= iou-threshold)
 *   stage 2: detections in [low, high)            x  confirmed tracks that were seen last frame
 *                                                    and are still unmatched (IoU >= max(iou-threshold, 0.5))
 *   matched tracks: corrected, hits+1; confirmed (given the next id) once hits >= min-hits
 *   unmatched tracks: tentative ones are dropped, confirmed ones after more than max-age missed frames
 *   unmatched high-confidence detections: start a tentative track (no id yet)
 * </pre>
 * With class-consistent matching a detection only joins a track of its own class. Ids are given at
 * confirmation, increase by one per confirmed track and are never reused, not even after {@link #reset()}.
 * Detections that no confirmed track owns keep {@link Detections#UNTRACKED}; detections are never removed.
 *
 * <p>On a frame without inference the input is ignored and {@code dets} is refilled with the predicted boxes
 * of the confirmed tracks seen at the last inferred frame (class, last confidence, id); skipped frames do not
 * count towards max-age.
 *
 * <p>Association is greedy by IoU (see {@link GreedyMatcher} for why) over candidates found by a sweep over
 * detections sorted by class and left edge ({@link CandidateIndex}), so a frame costs far less than
 * tracks x detections IoU evaluations.
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
    /** Detections per frame taken into association; any beyond stay untracked. */
    public static final int MAX_DETECTIONS = 0xFFFF;

    private final int minHits;
    private final int maxAge;
    private final float iouStage1;
    private final float iouStage2;
    private final boolean classConsistent;
    private final float high;
    private final float low;
    private final MotionModel motion;
    private final GreedyMatcher matcher;

    // Track slots (struct of arrays). active[0..activeCount) lists the slots in use; free[0..freeCount) the rest.
    private final long[] id;
    private final int[] cls;
    private final float[] conf;
    private final int[] hits;
    private final int[] missed;
    private final float[] tx1;
    private final float[] ty1;
    private final float[] tx2;
    private final float[] ty2;
    private final int[] detOfTrack;
    private final int[] active;
    private final int[] free;
    private int activeCount;
    private int freeCount;

    private int[] trackOfDet = new int[256];
    private CandidateIndex index = new CandidateIndex(256);
    private long nextId = 1;
    private long overflow;

    public SortTracker(TrackerConfig config) {
        this(config, DEFAULT_MAX_TRACKS, DEFAULT_HIGH_CONFIDENCE, DEFAULT_LOW_CONFIDENCE);
    }

    /**
     * @param maxTracks most tracks alive at once (tentative + confirmed), 1..65535
     * @param highConfidence detections at or above it are matched first and may start tracks
     * @param lowConfidence detections below it are never associated
     */
    public SortTracker(TrackerConfig config, int maxTracks, float highConfidence, float lowConfidence) {
        if (maxTracks < 1 || maxTracks >= 1 << 16) {
            throw new IllegalArgumentException("maxTracks must be in 1..65535: " + maxTracks);
        }
        if (config.minHits() < 1 || config.maxAge() < 1) {
            throw new IllegalArgumentException("min-hits and max-age must be at least 1");
        }
        this.motion = switch (config.type()) {
            case SORT -> new ConstantVelocityModel(maxTracks);
            case IOU -> new LastBoxModel(maxTracks);
            default -> throw new IllegalArgumentException(
                    "tracker.type = " + config.type().key + " is not available on the portable backend (iou, sort)");
        };
        this.minHits = config.minHits();
        this.maxAge = config.maxAge();
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
        tx1 = new float[maxTracks];
        ty1 = new float[maxTracks];
        tx2 = new float[maxTracks];
        ty2 = new float[maxTracks];
        detOfTrack = new int[maxTracks];
        active = new int[maxTracks];
        free = new int[maxTracks];
        reset();
    }

    @Override
    public void update(Detections dets, boolean inferred) {
        for (int i = 0; i < activeCount; i++) {
            int s = active[i];
            motion.predict(s);
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
        match(dets, n, true);
        match(dets, n, false);
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
    }

    /** Tracks that could not be started because {@code maxTracks} were alive, since construction. */
    public long overflowCount() {
        return overflow;
    }

    /** Tracks alive now, tentative and confirmed. */
    public int activeTracks() {
        return activeCount;
    }

    private void match(Detections dets, int n, boolean firstStage) {
        index.clear();
        for (int d = 0; d < n; d++) {
            float c = dets.confidence[d];
            if (trackOfDet[d] < 0 && (firstStage ? c >= high : c < high && c >= low)) {
                index.add(classConsistent ? dets.classId[d] : 0, dets.x1[d], dets.x2[d], d);
            }
        }
        if (index.size() == 0) {
            return;
        }
        index.sort();
        matcher.clear();
        float gate = firstStage ? iouStage1 : iouStage2;
        for (int i = 0; i < activeCount; i++) {
            int s = active[i];
            if (!firstStage && (detOfTrack[s] >= 0 || id[s] == Detections.UNTRACKED || missed[s] > 0)) {
                continue;
            }
            int key = classConsistent ? cls[s] & 0x7FFF : 0;
            for (int k = index.first(key, tx1[s]); k < index.size() && index.classKey(k) == key; k++) {
                int d = index.det(k);
                if (dets.x1[d] >= tx2[s]) {
                    break;
                }
                if (classConsistent && dets.classId[d] != cls[s]) {
                    continue;
                }
                float iou = GreedyMatcher.iou(tx1[s], ty1[s], tx2[s], ty2[s],
                        dets.x1[d], dets.y1[d], dets.x2[d], dets.y2[d]);
                if (iou >= gate && iou > 0f && !matcher.add(iou, s, d)) {
                    break;
                }
            }
        }
        matcher.assign(trackOfDet, detOfTrack);
    }

    /** Corrects matched tracks, ages and drops unmatched ones, writes ids. */
    private void finishTracks(Detections dets) {
        int i = 0;
        while (i < activeCount) {
            int s = active[i];
            int d = detOfTrack[s];
            if (d >= 0) {
                motion.update(s, cx(dets, d), cy(dets, d), dets.width(d), dets.height(d));
                hits[s]++;
                missed[s] = 0;
                conf[s] = dets.confidence[d];
                if (!classConsistent) {
                    cls[s] = dets.classId[d];
                }
                if (id[s] == Detections.UNTRACKED && hits[s] >= minHits) {
                    id[s] = nextId++;
                }
                dets.trackId[d] = id[s];
                i++;
            } else if (id[s] == Detections.UNTRACKED || ++missed[s] > maxAge) {
                active[i] = active[--activeCount];
                free[freeCount++] = s;
            } else {
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
            motion.init(s, cx(dets, d), cy(dets, d), dets.width(d), dets.height(d));
            cls[s] = dets.classId[d];
            conf[s] = dets.confidence[d];
            hits[s] = 1;
            missed[s] = 0;
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

    private static float cx(Detections dets, int d) {
        return (dets.x1[d] + dets.x2[d]) * 0.5f;
    }

    private static float cy(Detections dets, int d) {
        return (dets.y1[d] + dets.y2[d]) * 0.5f;
    }
}
