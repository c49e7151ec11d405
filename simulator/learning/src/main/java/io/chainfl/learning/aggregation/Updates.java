package io.chainfl.learning.aggregation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Shared steps of the robust aggregators: putting the updates in participant order (so a result never
 * depends on the order a caller happened to pass them in), sorting every coordinate across clients, and
 * the data-size weights FedAvg uses.
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
     * A copy of {@code matrix} with every column sorted ascending: row r holds each coordinate's r-th smallest
     * value. NaN counts as +infinity, so a NaN sent by a faulty client is an extreme value like any other.
     */
    static INDArray sortColumns(INDArray matrix) {
        INDArray copy = matrix.dup();
        BooleanIndexing.replaceWhere(copy, Float.POSITIVE_INFINITY, Conditions.isNan());
        // Nd4j.sort(x, 0, asc) sorts in place along dimension 0, i.e. each column independently
        return Nd4j.sort(copy, 0, true);
    }

    /** Rows {@code [from, to)} of a matrix. */
    static INDArray rows(INDArray matrix, int from, int to) {
        return matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** The coordinate-wise median of a column-sorted matrix; the mean of the two middle rows when the count is even. */
    static INDArray medianOfSorted(INDArray sorted) {
        int n = (int) sorted.rows();
        INDArray upper = sorted.getRow(n / 2);
        return n % 2 == 1 ? upper.dup() : sorted.getRow(n / 2 - 1).add(upper).muli(0.5f);
    }

    /** FedAvg's {@code 1 x clients} weights: data size over total, or equal when nobody reports a size. */
    static INDArray dataSizeWeights(List<ClientUpdate> updates) {
        double total = updates.stream().mapToLong(ClientUpdate::weight).sum();
        float[] weights = new float[updates.size()];
        for (int i = 0; i < weights.length; i++) {
            // equal weights when nobody reports data size, rather than dividing by zero
            weights[i] = (float) (total > 0 ? updates.get(i).weight() / total : 1.0 / weights.length);
        }
        return Nd4j.create(weights, new long[] {1, weights.length}, DataType.FLOAT);
    }

    static void requireNonNegative(int f, String what) {
        if (f < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, got " + f);
        }
    }
}
