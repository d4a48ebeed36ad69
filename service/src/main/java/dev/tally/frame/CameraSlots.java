package dev.tally.frame;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which index ({@link FrameResult#cameraIndex}, {@link PipelineMonitor} calls) each camera has. A camera keeps its
 * index for as long as it is configured, across reloads that add, remove or reorder others; a new camera takes
 * the lowest free index. Backends, analytics and metrics all take their indexes from the same instance, so a
 * frame tagged with an index always reaches the counters of the camera that produced it. Immutable.
 */
public final class CameraSlots {
    private final Map<String, Integer> index;

    private CameraSlots(Map<String, Integer> index) {
        this.index = index;
    }

    /** The cameras of a config at start: index = position. */
    public static CameraSlots of(List<String> ids) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String id : ids) {
            m.put(id, m.size());
        }
        return new CameraSlots(m);
    }

    /** The slots for a new camera list (in its order): known ids keep their index, new ones take the lowest free. */
    public CameraSlots next(List<String> ids) {
        BitSet used = new BitSet();
        for (String id : ids) {
            Integer i = index.get(id);
            if (i != null) {
                used.set(i);
            }
        }
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String id : ids) {
            Integer i = index.get(id);
            if (i == null) {
                i = used.nextClearBit(0);
                used.set(i);
            }
            m.put(id, i);
        }
        return new CameraSlots(m);
    }

    /** The camera's index, or -1 if it is not in this set. */
    public int index(String id) {
        Integer i = index.get(id);
        return i == null ? -1 : i;
    }

    /** Camera ids in configuration order. */
    public List<String> ids() {
        return List.copyOf(index.keySet());
    }

    /** One more than the highest index in use (0 when empty). */
    public int span() {
        int max = -1;
        for (int i : index.values()) {
            max = Math.max(max, i);
        }
        return max + 1;
    }

    @Override
    public String toString() {
        return index.toString();
    }
}
