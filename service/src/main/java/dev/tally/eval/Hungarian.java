package dev.tally.eval;

import java.util.Arrays;

/** Maximum-weight assignment of a dense rectangular matrix (Kuhn-Munkres with potentials, O(n^3)). */
final class Hungarian {
    private Hungarian() {
    }

    /** For each row the column assigned to it, or -1; maximises the sum of {@code w[row][col]} over pairs. */
    static int[] maximise(double[][] w, int rows, int cols) {
        int n = Math.max(rows, cols);
        int[] rowOf = new int[n + 1];
        int[] way = new int[n + 1];
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        double[] minv = new double[n + 1];
        boolean[] used = new boolean[n + 1];
        for (int i = 1; i <= n; i++) {
            rowOf[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = rowOf[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        double cost = i0 <= rows && j <= cols ? -w[i0 - 1][j - 1] : 0;
                        double cur = cost - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (rowOf[j0] != 0);
            do {
                int j1 = way[j0];
                rowOf[j0] = rowOf[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] colOfRow = new int[rows];
        Arrays.fill(colOfRow, -1);
        for (int j = 1; j <= n; j++) {
            if (rowOf[j] >= 1 && rowOf[j] <= rows && j <= cols) {
                colOfRow[rowOf[j] - 1] = j - 1;
            }
        }
        return colOfRow;
    }
}
