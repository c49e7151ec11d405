package io.chainfl.learning.aggregation;

import java.util.List;

/**
 * Coordinate-wise median (Yin, Chen, Ramchandran and Bartlett, "Byzantine-Robust Distributed Learning:
 * Towards Optimal Statistical Rates", ICML 2018): every parameter takes the median of the clients' values
 * for it, the mean of the two middle values when the number of clients is even. Data sizes are ignored.
 */
public final class CoordinateMedian implements Aggregator {
    @Override
    public String name() {
        return "median";
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        float[][] rows = UpdateMatrix.stack(Updates.byParticipant(updates));
        float[] column = new float[rows.length];
        float[] median = new float[rows[0].length];
        for (int j = 0; j < median.length; j++) {
            Updates.sortedColumn(rows, j, column);
            median[j] = Updates.medianOfSorted(column);
        }
        return median;
    }
}
