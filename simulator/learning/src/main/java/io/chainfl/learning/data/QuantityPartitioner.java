package io.chainfl.learning.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Size skew with IID labels: participant shares proportional to {@code exp(N(0, sigma^2))} (log-normal), on top
 * of {@link Partitioner#minimumSamples} each so nobody is left empty. {@code sigma = 0} gives equal sizes.
 * StrictMath, not Math: the JIT may swap Math's exp/log/pow for CPU-specific intrinsics whose last bits differ.
 */
public final class QuantityPartitioner implements Partitioner {
    private final double sigma;

    public QuantityPartitioner(double sigma) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("sigma must be non-negative: " + sigma);
        }
        this.sigma = sigma;
    }

    @Override
    public List<int[]> partition(int[] labels, int numClasses, int participants, SplittableRandom rng) {
        Partitioner.requireEnoughSamples(labels.length, participants);
        double[] weights = new double[participants];
        for (int p = 0; p < participants; p++) {
            weights[p] = StrictMath.exp(sigma * RandomDraws.gaussian(rng));
        }
        int minimum = Partitioner.minimumSamples(labels.length, participants);
        int[] sizes = Allocation.largestRemainder(weights, labels.length - minimum * participants);
        for (int p = 0; p < participants; p++) {
            sizes[p] += minimum;
        }
        int[] order = RandomDraws.permutation(labels.length, rng);
        return Partitions.cut(order, sizes);
    }
}
