package io.chainfl.learning.data;

import java.util.List;
import java.util.SplittableRandom;

/** Uniformly random, equal-sized shares: the homogeneous baseline. */
public final class IidPartitioner implements Partitioner {
    @Override
    public List<int[]> partition(int[] labels, int numClasses, int participants, SplittableRandom rng) {
        Partitioner.requireEnoughSamples(labels.length, participants);
        int[] order = RandomDraws.permutation(labels.length, rng);
        return Partitions.cut(order, Partitions.evenSizes(labels.length, participants));
    }
}
