package dev.tally.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-object tracking metrics of one sequence and one class (or all classes, matching only boxes of the same
 * class), from ground-truth and tracker boxes with their ids:
 * <ul>
 *   <li>HOTA, DetA, AssA (Luiten et al., "HOTA: A Higher Order Metric for Evaluating Multi-Object Tracking",
 *       IJCV 2020): for each localisation threshold alpha = 0.05, 0.10 .. 0.95, boxes are matched one-to-one per
 *       frame by the Hungarian algorithm on IoU weighted by how well the two ids align over the whole sequence
 *       (the paper's matching that favours association); a match is a TP at alpha when its IoU >= alpha.
 *       DetA = TP / (TP + FN + FP); for each TP pair c, A(c) = TPA / (TPA + FNA + FPA) with TPA the TPs of the
 *       same id pair, FNA the other frames of the ground-truth id and FPA those of the tracker id; AssA is the
 *       mean A over TPs; HOTA_alpha = sqrt(DetA * AssA); HOTA, DetA and AssA are means over the 19 alphas.</li>
 *   <li>IDF1 (Ristani et al., "Performance Measures and a Data Set for Multi-Target, Multi-Camera Tracking",
 *       ECCV 2016 workshops): ground-truth ids and tracker ids are matched one-to-one over the whole sequence to
 *       maximise the frames where the pair overlaps with IoU >= 0.5 (IDTP); IDF1 = 2 IDTP / (GT boxes + tracker
 *       boxes).</li>
 *   <li>MOTA, MOTP and id switches (Bernardin and Stiefelhagen, "Evaluating Multiple Object Tracking
 *       Performance: The CLEAR MOT Metrics", 2008): per frame, a ground-truth object keeps the tracker id it was
 *       matched with in the previous frame while their IoU stays >= 0.5, the rest are matched by the Hungarian
 *       algorithm on IoU >= 0.5; an id switch is a ground-truth object matched to another tracker id than at its
 *       last match; MOTA = 1 - (FN + FP + IDSW) / GT boxes; MOTP = mean IoU of matches.</li>
 * </ul>
 */
public final class TrackingMetrics {
    static final double[] ALPHAS = alphas();
    private static final double EPS = 1e-9;

    /** The metrics; counts are boxes (detections) unless named otherwise. */
    public record Result(double hota, double detA, double assA, double idf1, double mota, double motp, long idSwitches,
                         long gtBoxes, long trackerBoxes, int gtIds, int trackerIds, long idtp, long tp, long fn,
                         long fp) {}

    private TrackingMetrics() {
    }

    private static double[] alphas() {
        double[] a = new double[19];
        for (int i = 0; i < 19; i++) {
            a[i] = 0.05 * (i + 1);
        }
        return a;
    }

    /**
     * @param cls the 0-based class to evaluate, or -1 for all classes (a box only matches one of its class)
     */
    public static Result evaluate(List<MotFile.Row> gt, List<MotFile.Row> tracks, int cls) {
        Map<Integer, List<MotFile.Row>> gtByFrame = byFrame(gt, cls);
        Map<Integer, List<MotFile.Row>> trByFrame = byFrame(tracks, cls);
        Map<Long, Integer> gtIndex = new HashMap<>();
        Map<Long, Integer> trIndex = new HashMap<>();
        int lastFrame = 0;
        for (int f : gtByFrame.keySet()) {
            lastFrame = Math.max(lastFrame, f);
        }
        for (int f : trByFrame.keySet()) {
            lastFrame = Math.max(lastFrame, f);
        }
        List<int[]> gIds = new ArrayList<>();
        List<int[]> tIds = new ArrayList<>();
        List<double[][]> sims = new ArrayList<>();
        for (int f = 1; f <= lastFrame; f++) {
            List<MotFile.Row> g = gtByFrame.getOrDefault(f, List.of());
            List<MotFile.Row> t = trByFrame.getOrDefault(f, List.of());
            int[] gi = new int[g.size()];
            int[] ti = new int[t.size()];
            for (int i = 0; i < gi.length; i++) {
                gi[i] = gtIndex.computeIfAbsent(g.get(i).id(), k -> gtIndex.size());
            }
            for (int j = 0; j < ti.length; j++) {
                ti[j] = trIndex.computeIfAbsent(t.get(j).id(), k -> trIndex.size());
            }
            double[][] s = new double[gi.length][ti.length];
            for (int i = 0; i < gi.length; i++) {
                for (int j = 0; j < ti.length; j++) {
                    s[i][j] = g.get(i).cls() == t.get(j).cls() || cls >= 0 ? iou(g.get(i), t.get(j)) : 0;
                }
            }
            gIds.add(gi);
            tIds.add(ti);
            sims.add(s);
        }
        int ng = gtIndex.size();
        int nt = trIndex.size();
        long gtBoxes = 0;
        long trBoxes = 0;
        for (int f = 0; f < sims.size(); f++) {
            gtBoxes += gIds.get(f).length;
            trBoxes += tIds.get(f).length;
        }
        double[] hotaPart = hota(gIds, tIds, sims, ng, nt, gtBoxes, trBoxes);
        long[] id = identity(gIds, tIds, sims, ng, nt);
        double[] clear = clear(gIds, tIds, sims, ng, gtBoxes, trBoxes);
        double idf1 = gtBoxes + trBoxes == 0 ? 0 : 2.0 * id[0] / (gtBoxes + trBoxes);
        return new Result(hotaPart[0], hotaPart[1], hotaPart[2], idf1, clear[0], clear[1], (long) clear[2], gtBoxes,
                trBoxes, ng, nt, id[0], (long) clear[3], (long) clear[4], (long) clear[5]);
    }

    private static Map<Integer, List<MotFile.Row>> byFrame(List<MotFile.Row> rows, int cls) {
        Map<Integer, List<MotFile.Row>> m = new HashMap<>();
        for (MotFile.Row r : rows) {
            if (cls < 0 || r.cls() == cls) {
                m.computeIfAbsent(r.frame(), k -> new ArrayList<>()).add(r);
            }
        }
        return m;
    }

    static double iou(MotFile.Row a, MotFile.Row b) {
        double iw = Math.min(a.left() + a.width(), b.left() + b.width()) - Math.max(a.left(), b.left());
        double ih = Math.min(a.top() + a.height(), b.top() + b.height()) - Math.max(a.top(), b.top());
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = (double) a.width() * a.height() + (double) b.width() * b.height() - inter;
        return union > 0 ? inter / union : 0;
    }

    /** {HOTA, DetA, AssA}, each the mean over the alphas. */
    private static double[] hota(List<int[]> gIds, List<int[]> tIds, List<double[][]> sims, int ng, int nt,
                                 long gtBoxes, long trBoxes) {
        if (gtBoxes == 0 || trBoxes == 0) {
            return new double[] {0, 0, 0};
        }
        // How well each ground-truth id aligns with each tracker id over the sequence (soft, per-frame normalised).
        double[][] potential = new double[ng][nt];
        double[] gCount = new double[ng];
        double[] tCount = new double[nt];
        for (int f = 0; f < sims.size(); f++) {
            int[] gi = gIds.get(f);
            int[] ti = tIds.get(f);
            double[][] s = sims.get(f);
            double[] rowSum = new double[gi.length];
            double[] colSum = new double[ti.length];
            for (int i = 0; i < gi.length; i++) {
                for (int j = 0; j < ti.length; j++) {
                    rowSum[i] += s[i][j];
                    colSum[j] += s[i][j];
                }
            }
            for (int i = 0; i < gi.length; i++) {
                for (int j = 0; j < ti.length; j++) {
                    double denom = rowSum[i] + colSum[j] - s[i][j];
                    if (denom > EPS) {
                        potential[gi[i]][ti[j]] += s[i][j] / denom;
                    }
                }
                gCount[gi[i]]++;
            }
            for (int j = 0; j < ti.length; j++) {
                tCount[ti[j]]++;
            }
        }
        double[][] align = new double[ng][nt];
        for (int g = 0; g < ng; g++) {
            for (int t = 0; t < nt; t++) {
                align[g][t] = potential[g][t] / (gCount[g] + tCount[t] - potential[g][t]);
            }
        }
        int na = ALPHAS.length;
        long[] tp = new long[na];
        double[][][] matches = new double[na][][];
        for (int a = 0; a < na; a++) {
            matches[a] = new double[ng][nt];
        }
        for (int f = 0; f < sims.size(); f++) {
            int[] gi = gIds.get(f);
            int[] ti = tIds.get(f);
            if (gi.length == 0 || ti.length == 0) {
                continue;
            }
            double[][] s = sims.get(f);
            double[][] score = new double[gi.length][ti.length];
            for (int i = 0; i < gi.length; i++) {
                for (int j = 0; j < ti.length; j++) {
                    score[i][j] = align[gi[i]][ti[j]] * s[i][j];
                }
            }
            int[] col = Hungarian.maximise(score, gi.length, ti.length);
            for (int i = 0; i < gi.length; i++) {
                int j = col[i];
                if (j < 0) {
                    continue;
                }
                for (int a = 0; a < na; a++) {
                    if (s[i][j] >= ALPHAS[a] - EPS) {
                        tp[a]++;
                        matches[a][gi[i]][ti[j]]++;
                    }
                }
            }
        }
        double hota = 0;
        double detA = 0;
        double assA = 0;
        for (int a = 0; a < na; a++) {
            long fn = gtBoxes - tp[a];
            long fp = trBoxes - tp[a];
            double det = tp[a] / (double) Math.max(1, tp[a] + fn + fp);
            double assSum = 0;
            for (int g = 0; g < ng; g++) {
                for (int t = 0; t < nt; t++) {
                    double m = matches[a][g][t];
                    if (m > 0) {
                        assSum += m * (m / (gCount[g] + tCount[t] - m));
                    }
                }
            }
            double ass = assSum / Math.max(1, tp[a]);
            detA += det;
            assA += ass;
            hota += Math.sqrt(det * ass);
        }
        return new double[] {hota / na, detA / na, assA / na};
    }

    /** {IDTP}. */
    private static long[] identity(List<int[]> gIds, List<int[]> tIds, List<double[][]> sims, int ng, int nt) {
        double[][] overlap = new double[ng][nt];
        for (int f = 0; f < sims.size(); f++) {
            int[] gi = gIds.get(f);
            int[] ti = tIds.get(f);
            double[][] s = sims.get(f);
            for (int i = 0; i < gi.length; i++) {
                for (int j = 0; j < ti.length; j++) {
                    if (s[i][j] >= 0.5 - EPS) {
                        overlap[gi[i]][ti[j]]++;
                    }
                }
            }
        }
        if (ng == 0 || nt == 0) {
            return new long[] {0};
        }
        int[] col = Hungarian.maximise(overlap, ng, nt);
        long idtp = 0;
        for (int g = 0; g < ng; g++) {
            if (col[g] >= 0) {
                idtp += (long) overlap[g][col[g]];
            }
        }
        return new long[] {idtp};
    }

    /** {MOTA, MOTP, IDSW, TP, FN, FP}. */
    private static double[] clear(List<int[]> gIds, List<int[]> tIds, List<double[][]> sims, int ng, long gtBoxes,
                                  long trBoxes) {
        int[] lastMatch = new int[ng];
        java.util.Arrays.fill(lastMatch, -1);
        int[] prevFrameMatch = new int[ng];
        java.util.Arrays.fill(prevFrameMatch, -1);
        long tp = 0;
        long idsw = 0;
        double iouSum = 0;
        for (int f = 0; f < sims.size(); f++) {
            int[] gi = gIds.get(f);
            int[] ti = tIds.get(f);
            double[][] s = sims.get(f);
            int[] thisFrame = new int[ng];
            java.util.Arrays.fill(thisFrame, -1);
            if (gi.length > 0 && ti.length > 0) {
                double[][] score = new double[gi.length][ti.length];
                for (int i = 0; i < gi.length; i++) {
                    for (int j = 0; j < ti.length; j++) {
                        if (s[i][j] >= 0.5 - EPS) {
                            // a correspondence of the previous frame that is still valid is kept
                            score[i][j] = s[i][j] + (prevFrameMatch[gi[i]] == ti[j] ? 1000 : 0);
                        }
                    }
                }
                int[] col = Hungarian.maximise(score, gi.length, ti.length);
                for (int i = 0; i < gi.length; i++) {
                    int j = col[i];
                    if (j < 0 || score[i][j] <= 0) {
                        continue;
                    }
                    int g = gi[i];
                    if (lastMatch[g] >= 0 && lastMatch[g] != ti[j]) {
                        idsw++;
                    }
                    lastMatch[g] = ti[j];
                    thisFrame[g] = ti[j];
                    tp++;
                    iouSum += s[i][j];
                }
            }
            prevFrameMatch = thisFrame;
        }
        long fn = gtBoxes - tp;
        long fp = trBoxes - tp;
        double mota = gtBoxes == 0 ? 0 : 1.0 - (fn + fp + idsw) / (double) gtBoxes;
        double motp = tp == 0 ? 0 : iouSum / tp;
        return new double[] {mota, motp, idsw, tp, fn, fp};
    }
}
