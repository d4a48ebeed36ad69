package dev.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WarehouseSimTest {
    private static final SimSpec SPEC = new SimSpec(7, 640, 360, 30, 6, 2, 4);

    @Test
    void sameSeedRendersTheSameFramesAndTruth() {
        WarehouseSim a = new WarehouseSim(SPEC), b = new WarehouseSim(SPEC), c = new WarehouseSim(SPEC.withSeed(8));
        byte[] fa = new byte[SPEC.frameBytes()], fb = new byte[SPEC.frameBytes()], fc = new byte[SPEC.frameBytes()];
        boolean anyDifferent = false;
        for (int f = 0; f < 40; f++) {
            a.next(fa, 0);
            b.next(fb, 0);
            c.next(fc, 0);
            assertThat(fa).isEqualTo(fb);
            assertThat(truthString(a.truth())).isEqualTo(truthString(b.truth()));
            anyDifferent |= !Arrays.equals(fa, fc);
        }
        assertThat(a.frameNumber()).isEqualTo(39);
        assertThat(anyDifferent).as("another seed renders other frames").isTrue();
    }

    @Test
    void skippingFramesWithAdvanceGivesTheSameLaterFrames() {
        WarehouseSim a = new WarehouseSim(SPEC), b = new WarehouseSim(SPEC);
        byte[] fa = new byte[SPEC.frameBytes()], fb = new byte[SPEC.frameBytes()];
        for (int f = 0; f < 25; f++) {
            a.next(fa, 0);
            b.advance();
        }
        a.next(fa, 0);
        b.next(fb, 0);
        assertThat(b.frameNumber()).isEqualTo(a.frameNumber());
        assertThat(fb).isEqualTo(fa);
        assertThat(truthString(b.truth())).isEqualTo(truthString(a.truth()));
    }

    @Test
    void directAndHeapBuffersGetTheSameFrame() {
        WarehouseSim a = new WarehouseSim(SPEC), b = new WarehouseSim(SPEC);
        ByteBuffer heap = ByteBuffer.allocate(SPEC.frameBytes());
        ByteBuffer direct = ByteBuffer.allocateDirect(SPEC.frameBytes());
        a.next(heap);
        b.next(direct);
        byte[] d = new byte[SPEC.frameBytes()];
        direct.get(0, d);
        assertThat(d).isEqualTo(heap.array());
        assertThat(direct.position()).isZero();
        assertThatThrownBy(() -> a.next(ByteBuffer.allocate(10)))
                .hasMessage("frame buffer holds 10 bytes, needs " + SPEC.frameBytes());
    }

    @Test
    void truthBoxesLieInsideTheFrameAndIdsKeepTheirClass() {
        WarehouseSim sim = new WarehouseSim(SPEC);
        byte[] frame = new byte[SPEC.frameBytes()];
        Map<Long, Integer> classOf = new HashMap<>();
        Set<Integer> classesSeen = new HashSet<>();
        for (int f = 0; f < 300; f++) {
            sim.next(frame, 0);
            GroundTruth t = sim.truth();
            Set<Long> ids = new HashSet<>();
            for (int i = 0; i < t.count(); i++) {
                assertThat(t.x1[i]).isBetween(0f, t.x2[i] - 1);
                assertThat(t.y1[i]).isBetween(0f, t.y2[i] - 1);
                assertThat(t.x2[i]).isLessThanOrEqualTo(SPEC.width());
                assertThat(t.y2[i]).isLessThanOrEqualTo(SPEC.height());
                assertThat(t.visibility[i]).isBetween(0f, 1f);
                assertThat(ids.add(t.objectId[i])).as("ids unique within a frame").isTrue();
                Integer before = classOf.putIfAbsent(t.objectId[i], t.classId[i]);
                assertThat(before == null || before == t.classId[i]).as("id keeps its class").isTrue();
                classesSeen.add(t.classId[i]);
            }
        }
        assertThat(classesSeen).containsExactlyInAnyOrder(GroundTruth.FORKLIFT, GroundTruth.PERSON, GroundTruth.PALLET);
    }

    /**
     * Without lighting and noise the frame equals the background except where objects are drawn: every
     * fully visible, unoverlapped object changes pixels on each of its box's four edges, and the ring of
     * pixels just outside its box is untouched.
     */
    @Test
    void truthBoxesMatchTheDrawnPixels() {
        WarehouseSim sim = new WarehouseSim(SPEC);
        int w = SPEC.width(), h = SPEC.height();
        int checked = 0;
        for (int f = 0; f < 200; f++) {
            sim.renderClean();
            byte[] px = sim.cleanFrame(), bg = sim.background();
            GroundTruth t = sim.truth();
            for (int i = 0; i < t.count(); i++) {
                int x0 = (int) t.x1[i], y0 = (int) t.y1[i], x1 = (int) t.x2[i], y1 = (int) t.y2[i];
                if (t.visibility[i] < 1f || x0 == 0 || y0 == 0 || x1 == w || y1 == h || overlapsAnother(t, i)) {
                    continue;
                }
                checked++;
                boolean top = false, bottom = false, left = false, right = false;
                for (int x = x0; x < x1; x++) {
                    top |= differs(px, bg, w, x, y0);
                    bottom |= differs(px, bg, w, x, y1 - 1);
                    assertThat(differs(px, bg, w, x, y0 - 1)).as("row above object %d", t.objectId[i]).isFalse();
                    assertThat(differs(px, bg, w, x, y1)).as("row below object %d", t.objectId[i]).isFalse();
                }
                for (int y = y0; y < y1; y++) {
                    left |= differs(px, bg, w, x0, y);
                    right |= differs(px, bg, w, x1 - 1, y);
                    assertThat(differs(px, bg, w, x0 - 1, y)).as("column left of object %d", t.objectId[i]).isFalse();
                    assertThat(differs(px, bg, w, x1, y)).as("column right of object %d", t.objectId[i]).isFalse();
                }
                assertThat(top && bottom && left && right).as("object %d touches its box", t.objectId[i]).isTrue();
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    /** Box centres cross the middle lines in both directions, and some objects stop and linger. */
    @Test
    void objectsMoveCrossTheMiddleBothWaysAndLinger() {
        WarehouseSim sim = new WarehouseSim(SPEC);
        byte[] frame = new byte[SPEC.frameBytes()];
        float midX = SPEC.width() / 2f, midY = SPEC.height() / 2f;
        Map<Long, float[]> last = new HashMap<>();
        Map<Long, Integer> still = new HashMap<>();
        int down = 0, up = 0, rightward = 0, leftward = 0, lingered = 0;
        for (int f = 0; f < 900; f++) {
            sim.next(frame, 0);
            GroundTruth t = sim.truth();
            for (int i = 0; i < t.count(); i++) {
                float cx = (t.x1[i] + t.x2[i]) / 2, cy = (t.y1[i] + t.y2[i]) / 2;
                float[] p = last.put(t.objectId[i], new float[] {cx, cy});
                if (p == null || t.classId[i] == GroundTruth.PALLET && !moved(p, cx, cy)) {
                    continue;
                }
                if (p[1] < midY && cy >= midY) {
                    down++;
                } else if (p[1] >= midY && cy < midY) {
                    up++;
                }
                if (p[0] < midX && cx >= midX) {
                    rightward++;
                } else if (p[0] >= midX && cx < midX) {
                    leftward++;
                }
                if (t.classId[i] != GroundTruth.PALLET) {
                    int n = moved(p, cx, cy) ? 0 : still.getOrDefault(t.objectId[i], 0) + 1;
                    still.put(t.objectId[i], n);
                    if (n == 30) {
                        lingered++;
                    }
                }
            }
        }
        assertThat(down).isPositive();
        assertThat(up).isPositive();
        assertThat(rightward).isPositive();
        assertThat(leftward).isPositive();
        assertThat(lingered).as("objects standing still for a second or more").isPositive();
        assertThat(last.size()).as("objects enter and leave: many distinct ids").isGreaterThan(20);
    }

    private static boolean moved(float[] p, float cx, float cy) {
        return Math.abs(p[0] - cx) > 0.01f || Math.abs(p[1] - cy) > 0.01f;
    }

    private static boolean overlapsAnother(GroundTruth t, int i) {
        for (int j = 0; j < t.count(); j++) {
            if (j != i && t.x1[j] <= t.x2[i] + 1 && t.x2[j] >= t.x1[i] - 1 && t.y1[j] <= t.y2[i] + 1
                    && t.y2[j] >= t.y1[i] - 1) {
                return true;
            }
        }
        return false;
    }

    private static boolean differs(byte[] px, byte[] bg, int w, int x, int y) {
        int o = (y * w + x) * 3;
        return px[o] != bg[o] || px[o + 1] != bg[o + 1] || px[o + 2] != bg[o + 2];
    }

    private static String truthString(GroundTruth t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.count(); i++) {
            sb.append(t.classId[i]).append(' ').append(t.objectId[i]).append(' ').append(t.x1[i]).append(' ')
                    .append(t.y1[i]).append(' ').append(t.x2[i]).append(' ').append(t.y2[i]).append(' ')
                    .append(t.visibility[i]).append('\n');
        }
        return sb.toString();
    }
}
