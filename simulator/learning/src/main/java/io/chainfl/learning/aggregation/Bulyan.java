package io.chainfl.learning.aggregation;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bulyan (El Mhamdi, Guerraoui and Rouault, "The Hidden Vulnerability of Distributed Learning in
 * Byzantium", ICML 2018). First {@code theta = n - 2f} updates are selected by iterated Krum: the best
 * Krum score among the remaining updates is moved to the selection, {@code theta} times (scores use the
 * {@code max(1, r - f - 2)} nearest of the {@code r} remaining updates, so the last steps, where
 * {@code r - f - 2} drops below one, still rank by the nearest neighbour; ties go to the lower participant
 * id). Then every coordinate averages the {@code beta = theta - 2f} selected values closest to the
 * coordinate's median; those values are a run of the sorted column, so the run with the smallest largest
 * distance from the median is taken (the lower run on a tie). Unweighted; needs {@code n >= 4f + 3}.
 */
public final class Bulyan implements Aggregator {
    private final int f;

    public Bulyan(int f) {
        Updates.requireNonNegative(f, "bulyan f");
        this.f = f;
    }

    @Override
    public String name() {
        return "bulyan";
    }

    /** Indices (in participant order) of the {@code n - 2f} updates iterated Krum selects, in selection order. */
    int[] select(INDArray stacked) {
        int n = (int) stacked.rows();
        if (n < 4 * f + 3) {
            throw new IllegalArgumentException("bulyan with f = " + f + " needs n >= 4f + 3 = " + (4 * f + 3) + " updates, got " + n);
        }
        INDArray distances = PairwiseDistances.squared(stacked);
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            remaining.add(i);
        }
        int theta = n - 2 * f;
        int[] selected = new int[theta];
        for (int s = 0; s < theta; s++) {
            int r = remaining.size();
            int best = 0;
            if (r > 1) {
                int[] members = remaining.stream().mapToInt(Integer::intValue).toArray();
                best = PairwiseDistances.argMinScore(PairwiseDistances.krumScores(distances, members, Math.max(1, r - f - 2)));
            }
            selected[s] = remaining.remove(best);
        }
        return selected;
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        INDArray stacked = UpdateMatrix.stack(Updates.byParticipant(updates));
        int[] chosen = select(stacked);
        int theta = chosen.length;
        int beta = theta - 2 * f;
        INDArray sorted = Updates.sortColumns(stacked.getRows(chosen));
        INDArray median = Updates.medianOfSorted(sorted);
        long params = sorted.columns();
        int windows = 2 * f + 1;
        INDArray spread = Nd4j.create(DataType.FLOAT, windows, params);
        INDArray sums = Nd4j.create(DataType.FLOAT, windows, params);
        for (int w = 0; w < windows; w++) {
            // the farthest value of run [w, w + beta) from the median is one of its two ends
            INDArray below = median.sub(sorted.getRow(w));
            INDArray above = sorted.getRow(w + beta - 1).sub(median);
            spread.putRow(w, Transforms.max(below, above));
            sums.putRow(w, Updates.rows(sorted, w, w + beta).sum(0));
        }
        INDArray best = Nd4j.argMin(spread, 0); // first index on a tie
        INDArray total = Nd4j.zeros(DataType.FLOAT, params);
        for (int w = 0; w < windows; w++) {
            total.addi(best.eq(w).castTo(DataType.FLOAT).muli(sums.getRow(w)));
        }
        return total.divi(beta).toFloatVector();
    }
}
