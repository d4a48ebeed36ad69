package dev.tally.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tally.config.ModelConfig.ClassThresholds;
import dev.tally.config.ModelConfig.ClusterMode;
import dev.tally.frame.Detections;
import org.junit.jupiter.api.Test;

class BoxClustererTest {

    private static Detections candidates() {
        Detections d = new Detections(16);
        // class 0: two heavily overlapping boxes (IoU 0.81) and one far away
        d.add(0, 0.6f, 0, 0, 100, 100, -1);
        d.add(0, 0.9f, 10, 10, 100, 100, -1);
        d.add(0, 0.5f, 300, 300, 340, 340, -1);
        // class 1: same place as the first pair, must never be merged with class 0
        d.add(1, 0.7f, 0, 0, 100, 100, -1);
        return d;
    }

    private static BoxClusterer clusterer(ClusterMode mode, TestModels m) {
        m.cluster = mode;
        return new BoxClusterer(m.build(), 16);
    }

    @Test
    void nmsKeepsMostConfidentPerClassAndSortsByConfidence() {
        Detections out = new Detections(16);
        clusterer(ClusterMode.NMS, new TestModels()).cluster(candidates(), out);
        assertThat(out.count()).isEqualTo(3);
        assertBox(out, 0, 0, 0.9f, 10, 10, 100, 100);
        assertBox(out, 1, 0, 0.5f, 300, 300, 340, 340);
        assertBox(out, 2, 1, 0.7f, 0, 0, 100, 100);
    }

    @Test
    void nmsIouThresholdIsPerClassAndStrict() {
        TestModels m = new TestModels();
        m.perClass.put("forklift", new ClassThresholds(0.4f, 0f, 0.85f, 100)); // IoU 0.81 is below: both kept
        Detections out = new Detections(16);
        clusterer(ClusterMode.NMS, m).cluster(candidates(), out);
        assertThat(out.count()).isEqualTo(4);
        assertThat(out.confidence[0]).isEqualTo(0.9f);
        assertThat(out.confidence[1]).isEqualTo(0.6f);
    }

    @Test
    void topKAndPostClusterThresholdApplyAfterClustering() {
        TestModels m = new TestModels();
        m.perClass.put("forklift", new ClassThresholds(0.4f, 0f, 0.5f, 1));
        m.perClass.put("person", new ClassThresholds(0.4f, 0.75f, 0.5f, 100));
        Detections out = new Detections(16);
        clusterer(ClusterMode.NMS, m).cluster(candidates(), out);
        assertThat(out.count()).isEqualTo(1);
        assertBox(out, 0, 0, 0.9f, 10, 10, 100, 100);
    }

    @Test
    void noneKeepsEveryCandidateInConfidenceOrder() {
        Detections out = new Detections(16);
        clusterer(ClusterMode.NONE, new TestModels()).cluster(candidates(), out);
        assertThat(out.count()).isEqualTo(4);
        assertThat(out.confidence).startsWith(0.9f, 0.6f, 0.5f, 0.7f);
    }

    @Test
    void dbscanMergesNeighboursWeightedByConfidence() {
        TestModels m = new TestModels();
        m.eps = 0.2f; // neighbours when IoU >= 0.8: the pair (0.81) merges, the far box stays alone
        Detections out = new Detections(16);
        clusterer(ClusterMode.DBSCAN, m).cluster(candidates(), out);
        assertThat(out.count()).isEqualTo(3);
        // weights 0.9 and 0.6: x1 = (0.9*10 + 0.6*0) / 1.5 = 6
        assertBox(out, 0, 0, 0.9f, 6, 6, 100, 100);
        assertBox(out, 1, 0, 0.5f, 300, 300, 340, 340);
        assertBox(out, 2, 1, 0.7f, 0, 0, 100, 100);
    }

    @Test
    void dbscanMinBoxesDropsNoiseAndMinScoreDropsWeakClusters() {
        TestModels m = new TestModels();
        m.minBoxes = 2;
        Detections out = new Detections(16);
        clusterer(ClusterMode.DBSCAN, m).cluster(candidates(), out);
        assertThat(out.count()).isEqualTo(1); // only the pair of class 0 has two members
        assertBox(out, 0, 0, 0.9f, 6, 6, 100, 100);

        m.minBoxes = 1;
        m.minScore = 1.0f; // summed confidence: pair 1.5 stays, lone boxes 0.5 and 0.7 go
        clusterer(ClusterMode.DBSCAN, m).cluster(candidates(), out);
        assertThat(out.count()).isEqualTo(1);
        assertThat(out.confidence[0]).isEqualTo(0.9f);
    }

    @Test
    void dbscanChainsThroughCoreBoxes() {
        Detections d = new Detections(8);
        d.add(0, 0.9f, 0, 0, 100, 100, -1);
        d.add(0, 0.8f, 10, 0, 110, 100, -1);  // IoU with first 0.818
        d.add(0, 0.7f, 20, 0, 120, 100, -1);  // IoU with first 0.667, with second 0.818
        TestModels m = new TestModels();
        m.eps = 0.2f;
        Detections out = new Detections(8);
        new BoxClusterer(withMode(m, ClusterMode.DBSCAN), 8).cluster(d, out);
        assertThat(out.count()).isEqualTo(1);
        // x1 = (0 * 0.9 + 10 * 0.8 + 20 * 0.7) / 2.4
        assertThat(out.x1[0]).isCloseTo(22f / 2.4f, within(1e-4f));
    }

    @Test
    void dbscanBorderBoxFirstSeenAsNoiseJoinsTheClusterOfItsCoreNeighbour() {
        Detections d = new Detections(8);
        d.add(0, 0.9f, 0, 0, 100, 100, -1);   // A: neighbour of B only -> 2 boxes, not core at minBoxes 3
        d.add(0, 0.8f, 10, 0, 110, 100, -1);  // B: neighbour of A and C -> core
        d.add(0, 0.7f, 20, 0, 120, 100, -1);  // C: neighbour of B only
        d.add(0, 0.6f, 400, 0, 500, 100, -1); // D: alone -> noise, dropped
        TestModels m = new TestModels();
        m.minBoxes = 3;
        Detections out = new Detections(8);
        new BoxClusterer(withMode(m, ClusterMode.DBSCAN), 8).cluster(d, out);
        assertThat(out.count()).isEqualTo(1);
        assertBox(out, 0, 0, 0.9f, 22f / 2.4f, 0, 100 + 22f / 2.4f, 100);
    }

    @Test
    void dbscanThenNmsRemovesOverlappingClusters() {
        Detections d = new Detections(8);
        d.add(0, 0.9f, 0, 0, 100, 100, -1);
        d.add(0, 0.8f, 30, 0, 130, 100, -1); // IoU 0.54: not DBSCAN neighbours (eps 0.2), but NMS at 0.5 drops it
        TestModels m = new TestModels();
        Detections out = new Detections(8);
        new BoxClusterer(withMode(m, ClusterMode.DBSCAN), 8).cluster(d, out);
        assertThat(out.count()).isEqualTo(2);
        new BoxClusterer(withMode(m, ClusterMode.DBSCAN_NMS), 8).cluster(d, out);
        assertThat(out.count()).isEqualTo(1);
        assertBox(out, 0, 0, 0.9f, 0, 0, 100, 100);
    }

    private static dev.tally.config.ModelConfig withMode(TestModels m, ClusterMode mode) {
        m.cluster = mode;
        return m.build();
    }

    static void assertBox(Detections d, int i, int cls, float conf, float x1, float y1, float x2, float y2) {
        assertThat(d.classId[i]).as("class of %d", i).isEqualTo(cls);
        assertThat(d.confidence[i]).as("confidence of %d", i).isCloseTo(conf, within(1e-5f));
        assertThat(new float[] {d.x1[i], d.y1[i], d.x2[i], d.y2[i]}).as("box %d", i)
                .containsExactly(new float[] {x1, y1, x2, y2}, within(1e-3f));
        assertThat(d.trackId[i]).isEqualTo(Detections.UNTRACKED);
    }
}
