package io.chainfl.learning.aggregation;

import java.util.List;

/**
 * Coordinate-wise median (Yin, Chen, Ramchandran and Bartlett, "Byzantine-Robust Distributed Learning:
 * Towards Optimal Statistical Rates", ICML 2018): every parameter takes the median of the clients' values
 * for it, the mean of the two middle values when the number of clients is even. Data sizes are ignored.
 * Computed by sorting every column of the {@code clients x params} matrix at once.
 */
public final class CoordinateMedian implements Aggregator {
    @Override
    public String name() {
        return "median";
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        return Updates.medianOfSorted(Updates.sortColumns(UpdateMatrix.stack(Updates.byParticipant(updates)))).toFloatVector();
    }
}
