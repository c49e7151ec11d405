package io.chainfl.learning.data;

import java.util.List;
import java.util.SplittableRandom;

/** Splits a labelled pool among participants; the federated heterogeneity of an experiment lives here. */
public interface Partitioner {

    /**
     * @param labels label of every pool sample
     * @return one array per participant of indices into {@code labels}, each sorted ascending; the arrays are
     *     disjoint and together cover the pool
     */
    List<int[]> partition(int[] labels, int numClasses, int participants, SplittableRandom rng);

    /**
     * The fewest samples a skewed partitioner leaves a participant: ten when the pool allows, else as many as
     * still leave half the pool free to be skewed, but never zero.
     */
    static int minimumSamples(int poolSize, int participants) {
        return Math.max(1, Math.min(10, poolSize / (2 * participants)));
    }

    static void requireEnoughSamples(int poolSize, int participants) {
        if (participants < 1) {
            throw new IllegalArgumentException("need at least one participant");
        }
        if (poolSize < participants) {
            throw new io.chainfl.engine.UserError("the training pool has " + poolSize + " samples for " + participants
                    + " participants; lower the number of participants or raise data.limit");
        }
    }
}
