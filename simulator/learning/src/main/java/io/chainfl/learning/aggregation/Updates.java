package io.chainfl.learning.aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Shared steps of the aggregators: putting the updates in participant order (so a result never depends on the
 * order a caller happened to pass them in), sorting one coordinate across clients, norms, and the data-size
 * weights FedAvg uses.
 *
 * <p>Fixed order: every sum here and in the aggregators is a plain loop with a double accumulator, visiting
 * clients in participant order and, within a client, coordinates in index order. Java's float and double
 * arithmetic is IEEE-strict and never fused into FMA, so the same inputs give the same bits on every CPU, which a
 * BLAS or libnd4j reduction (kernel and split chosen by the CPU and thread count) does not promise.
 */
final class Updates {
    private Updates() {}

    /**
     * The updates sorted by participant id; the list itself when already sorted.
     *
     * @throws IllegalArgumentException when the list is empty or a participant appears twice
     */
    static List<ClientUpdate> byParticipant(List<ClientUpdate> updates) {
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("no updates to aggregate");
        }
        List<ClientUpdate> sorted = updates;
        for (int i = 1; i < updates.size(); i++) {
            if (updates.get(i - 1).participantId() > updates.get(i).participantId()) {
                sorted = new ArrayList<>(updates);
                sorted.sort(Comparator.comparingInt(ClientUpdate::participantId));
                break;
            }
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i - 1).participantId() == sorted.get(i).participantId()) {
                throw new IllegalArgumentException("participant " + sorted.get(i).participantId() + " sent more than one update this round");
            }
        }
        return sorted;
    }

    /**
     * Fills {@code column} with coordinate {@code j} of every row and sorts it ascending. NaN counts as +infinity,
     * so a NaN sent by a faulty client is an extreme value like any other. A sort is exact, so which algorithm
     * sorts does not change the values.
     */
    static void sortedColumn(float[][] rows, int j, float[] column) {
        for (int i = 0; i < rows.length; i++) {
            float value = rows[i][j];
            column[i] = Float.isNaN(value) ? Float.POSITIVE_INFINITY : value;
        }
        Arrays.sort(column);
    }

    /** The median of a sorted column; the mean of the two middle values (in float) when the count is even. */
    static float medianOfSorted(float[] sorted) {
        int n = sorted.length;
        float upper = sorted[n / 2];
        return n % 2 == 1 ? upper : (sorted[n / 2 - 1] + upper) * 0.5f;
    }

    /** The mean of {@code sorted[from, to)}, summed in ascending order in double. */
    static float meanOfRun(float[] sorted, int from, int to) {
        double sum = 0;
        for (int r = from; r < to; r++) {
            sum += sorted[r];
        }
        return (float) (sum / (to - from));
    }

    /** The L2 norm of a row, its squares summed in coordinate order in double. */
    static double norm(float[] row) {
        double sum = 0;
        for (float v : row) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** {@code sum_i factors[i] * rows[i]}, summed in row order per coordinate in double, rounded once to float. */
    static float[] weightedSum(float[][] rows, double[] factors) {
        double[] sum = new double[rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            double factor = factors[i];
            float[] row = rows[i];
            for (int j = 0; j < sum.length; j++) {
                sum[j] += factor * row[j];
            }
        }
        return toFloat(sum);
    }

    /** The unweighted mean of the rows, summed in row order per coordinate in double. */
    static float[] mean(float[][] rows) {
        double[] sum = new double[rows[0].length];
        for (float[] row : rows) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += row[j];
            }
        }
        float[] mean = new float[sum.length];
        for (int j = 0; j < sum.length; j++) {
            mean[j] = (float) (sum[j] / rows.length);
        }
        return mean;
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            out[j] = (float) values[j];
        }
        return out;
    }

    /** FedAvg's weights, one per client: data size over total, or equal when nobody reports a size. */
    static double[] dataSizeWeights(List<ClientUpdate> updates) {
        double total = 0;
        for (ClientUpdate u : updates) {
            total += u.weight();
        }
        double[] weights = new double[updates.size()];
        for (int i = 0; i < weights.length; i++) {
            // equal weights when nobody reports data size, rather than dividing by zero
            weights[i] = total > 0 ? updates.get(i).weight() / total : 1.0 / weights.length;
        }
        return weights;
    }

    static void requireNonNegative(int f, String what) {
        if (f < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + f);
        }
    }
}
