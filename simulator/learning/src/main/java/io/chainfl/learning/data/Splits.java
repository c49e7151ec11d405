package io.chainfl.learning.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded index selections used by {@link FederatedDataBuilder}. */
final class Splits {
    private Splits() {}

    /** A selection of rows and the rows left over, both ascending. */
    record Selection(int[] chosen, int[] rest) {}

    /**
     * Chooses {@code count} of the given rows with the class proportions of the whole (largest-remainder per
     * class), at random within each class.
     */
    static Selection stratified(int[] rows, int[] labels, int numClasses, int count, SplittableRandom rng) {
        int[] rowLabels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rowLabels[i] = labels[rows[i]];
        }
        int[][] byClass = Partitions.indicesByClass(rowLabels, numClasses);
        double[] weights = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            weights[c] = byClass[c].length;
        }
        int[] perClass = Allocation.largestRemainder(weights, count);
        int[] chosen = new int[count];
        int[] rest = new int[rows.length - count];
        int chosenFilled = 0;
        int restFilled = 0;
        for (int c = 0; c < numClasses; c++) {
            int[] members = byClass[c].clone();
            RandomDraws.shuffle(members, rng);
            for (int k = 0; k < members.length; k++) {
                int row = rows[members[k]];
                if (k < perClass[c]) {
                    chosen[chosenFilled++] = row;
                } else {
                    rest[restFilled++] = row;
                }
            }
        }
        Arrays.sort(chosen);
        Arrays.sort(rest);
        return new Selection(chosen, rest);
    }

    /** Chooses {@code count} of the rows uniformly at random. */
    static Selection uniform(int[] rows, int count, SplittableRandom rng) {
        int[] shuffled = rows.clone();
        RandomDraws.shuffle(shuffled, rng);
        int[] chosen = Arrays.copyOf(shuffled, count);
        int[] rest = Arrays.copyOfRange(shuffled, count, shuffled.length);
        Arrays.sort(chosen);
        Arrays.sort(rest);
        return new Selection(chosen, rest);
    }
}
