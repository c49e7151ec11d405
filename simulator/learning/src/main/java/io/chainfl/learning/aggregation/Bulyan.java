package io.chainfl.learning.aggregation;

import java.util.ArrayList;
import java.util.List;

/**
 * Bulyan (El Mhamdi, Guerraoui and Rouault, "The Hidden Vulnerability of Distributed Learning in
 * Byzantium", ICML 2018). First {@code theta = n - 2f} updates are selected by iterated Krum: the best
 * Krum score among the remaining updates is moved to the selection, {@code theta} times (scores use the
 * {@code max(1, r - f - 2)} nearest of the {@code r} remaining updates, so the last steps, where
 * {@code r - f - 2} drops below one, still rank by the nearest neighbour; ties go to the lower participant
 * id). Then every coordinate averages the {@code beta = theta - 2f} selected values closest to the
 * coordinate's median; those values are a run of the sorted column, so the run with the smallest largest
 * distance from the median is taken (the lower run on a tie), its values summed in ascending order in double.
 * Unweighted; needs {@code n >= 4f + 3}.
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
    int[] select(float[][] stacked) {
        int n = stacked.length;
        if (n < 4 * f + 3) {
            throw new IllegalArgumentException("bulyan with f = " + f + " needs n >= 4f + 3 = " + (4 * f + 3) + " updates, got " + n);
        }
        double[][] distances = PairwiseDistances.squared(stacked);
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
        float[][] stacked = UpdateMatrix.stack(Updates.byParticipant(updates));
        int[] chosen = select(stacked);
        int theta = chosen.length;
        int beta = theta - 2 * f;
        float[][] selected = new float[theta][];
        for (int i = 0; i < theta; i++) {
            selected[i] = stacked[chosen[i]];
        }
        float[] column = new float[theta];
        float[] result = new float[stacked[0].length];
        for (int j = 0; j < result.length; j++) {
            Updates.sortedColumn(selected, j, column);
            float median = Updates.medianOfSorted(column);
            int best = 0;
            float bestSpread = Float.NaN;
            for (int w = 0; w <= 2 * f; w++) {
                // the farthest value of run [w, w + beta) from the median is one of its two ends
                float spread = Math.max(median - column[w], column[w + beta - 1] - median);
                if (w == 0 || spread < bestSpread) { // strict: the lower run on a tie
                    best = w;
                    bestSpread = spread;
                }
            }
            result[j] = Updates.meanOfRun(column, best, best + beta);
        }
        return result;
    }
}
