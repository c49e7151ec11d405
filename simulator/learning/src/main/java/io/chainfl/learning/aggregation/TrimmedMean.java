package io.chainfl.learning.aggregation;

import java.util.List;

/**
 * Coordinate-wise trimmed mean (Yin, Chen, Ramchandran and Bartlett, "Byzantine-Robust Distributed
 * Learning: Towards Optimal Statistical Rates", ICML 2018): for every parameter drop the {@code k} largest
 * and {@code k} smallest client values and average the rest, unweighted. {@code k} is either fixed
 * ({@link #ofCount}, the number f of Byzantine clients tolerated) or {@code floor(beta * n)} for a fraction
 * {@code beta < 1/2} of the round's n clients ({@link #ofFraction}); n must exceed {@code 2k}.
 */
public final class TrimmedMean implements Aggregator {
    private final Integer trimCount;
    private final double beta;

    private TrimmedMean(Integer trimCount, double beta) {
        this.trimCount = trimCount;
        this.beta = beta;
    }

    /** Trims {@code f} values from each side of every coordinate. */
    public static TrimmedMean ofCount(int f) {
        Updates.requireNonNegative(f, "trimmed_mean f");
        return new TrimmedMean(f, Double.NaN);
    }

    /** Trims {@code floor(beta * n)} values from each side of every coordinate, {@code 0 <= beta < 0.5}. */
    public static TrimmedMean ofFraction(double beta) {
        if (!(beta >= 0 && beta < 0.5)) {
            throw new IllegalArgumentException("trimmed_mean beta must be in [0, 0.5), got " + beta);
        }
        return new TrimmedMean(null, beta);
    }

    @Override
    public String name() {
        return "trimmed_mean";
    }

    /** Values dropped from each side for a round of {@code n} clients. */
    public int trimmed(int n) {
        return trimCount != null ? trimCount : (int) Math.floor(beta * n + 1e-9);
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        int n = updates.size();
        int k = trimmed(n);
        if (n <= 2 * k) {
            throw new IllegalArgumentException("trimmed_mean trims " + k + " per side and needs more than 2k = " + (2 * k) + " updates, got " + n);
        }
        float[][] rows = UpdateMatrix.stack(Updates.byParticipant(updates));
        float[] column = new float[n];
        float[] mean = new float[rows[0].length];
        for (int j = 0; j < mean.length; j++) {
            Updates.sortedColumn(rows, j, column);
            mean[j] = Updates.meanOfRun(column, k, n - k); // summed in ascending order
        }
        return mean;
    }
}
