package io.chainfl.learning.aggregation;

import java.util.Arrays;

/**
 * Squared Euclidean distances between all pairs of updates and the Krum scores built on them. Each pair's
 * {@code sum_j (a_j - b_j)^2} is summed directly, in coordinate order, in double: unlike the Gram-matrix form
 * {@code ||a||^2 + ||b||^2 - 2 a.b} it cannot cancel below zero and does not depend on how a matrix product
 * orders its sums, so near-ties between scores are decided the same way on every CPU.
 */
final class PairwiseDistances {
    private PairwiseDistances() {}

    /**
     * The {@code n x n} matrix of squared distances between the rows, diagonal zero. A pair with a NaN or
     * infinite coordinate is infinitely far apart, so such an update gets the worst score.
     */
    static double[][] squared(float[][] rows) {
        int n = rows.length;
        double[][] d = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double sum = 0;
                float[] x = rows[a];
                float[] y = rows[b];
                for (int j = 0; j < x.length; j++) {
                    double diff = (double) x[j] - y[j];
                    sum += diff * diff;
                }
                if (Double.isNaN(sum)) {
                    sum = Double.POSITIVE_INFINITY; // NaN - x, or inf - inf
                }
                d[a][b] = sum;
                d[b][a] = sum;
            }
        }
        return d;
    }

    /**
     * Krum scores of the clients {@code members} (indices into {@code distances}): each one's sum of squared
     * distances to its {@code neighbours} nearest other members, the nearest added first.
     */
    static double[] krumScores(double[][] distances, int[] members, int neighbours) {
        double[] scores = new double[members.length];
        double[] others = new double[members.length - 1];
        for (int i = 0; i < members.length; i++) {
            int k = 0;
            for (int o = 0; o < members.length; o++) {
                if (o != i) { // a client is not its own neighbour
                    others[k++] = distances[members[i]][members[o]];
                }
            }
            Arrays.sort(others);
            double score = 0;
            for (int r = 0; r < neighbours; r++) {
                score += others[r];
            }
            scores[i] = score;
        }
        return scores;
    }

    /** Index into {@code members} of the lowest score, the lower index on a tie. */
    static int argMinScore(double[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] < scores[best]) {
                best = i;
            }
        }
        return best;
    }
}
