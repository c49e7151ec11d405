package io.chainfl.learning.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Label skew (Hsu et al. 2019): for every class, the participants' shares of that class are drawn from a
 * symmetric Dirichlet(alpha). Small alpha concentrates each class on few participants; large alpha tends to IID.
 *
 * <p>Every participant must end with at least {@link Partitioner#minimumSamples} samples. The whole draw is
 * repeated up to {@value #MAX_ATTEMPTS} times until that holds (the usual practice); if it still does not, the
 * last draw is repaired by moving random samples from the largest participants to the short ones, which keeps
 * most of the skew.
 */
public final class DirichletPartitioner implements Partitioner {
    static final int MAX_ATTEMPTS = 100;
    private final double alpha;

    public DirichletPartitioner(double alpha) {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be positive: " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public List<int[]> partition(int[] labels, int numClasses, int participants, SplittableRandom rng) {
        Partitioner.requireEnoughSamples(labels.length, participants);
        int minimum = Partitioner.minimumSamples(labels.length, participants);
        int[][] byClass = Partitions.indicesByClass(labels, numClasses);
        List<List<Integer>> shares = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            shares = drawOnce(byClass, participants, rng);
            if (smallest(shares) >= minimum) {
                break;
            }
        }
        if (smallest(shares) < minimum) {
            topUp(shares, minimum, rng);
        }
        List<int[]> parts = new ArrayList<>(participants);
        for (List<Integer> share : shares) {
            int[] part = share.stream().mapToInt(Integer::intValue).toArray();
            Arrays.sort(part);
            parts.add(part);
        }
        return parts;
    }

    private List<List<Integer>> drawOnce(int[][] byClass, int participants, SplittableRandom rng) {
        List<List<Integer>> shares = new ArrayList<>(participants);
        for (int p = 0; p < participants; p++) {
            shares.add(new ArrayList<>());
        }
        for (int[] members : byClass) {
            if (members.length == 0) {
                continue;
            }
            double[] proportions = RandomDraws.symmetricDirichlet(alpha, participants, rng);
            int[] counts = Allocation.largestRemainder(proportions, members.length);
            int[] shuffled = members.clone();
            RandomDraws.shuffle(shuffled, rng);
            int position = 0;
            for (int p = 0; p < participants; p++) {
                for (int k = 0; k < counts[p]; k++) {
                    shares.get(p).add(shuffled[position++]);
                }
            }
        }
        return shares;
    }

    private static int smallest(List<List<Integer>> shares) {
        return shares.stream().mapToInt(List::size).min().orElse(0);
    }

    /** The documented fallback: move random samples from the currently largest share to each short one. */
    private static void topUp(List<List<Integer>> shares, int minimum, SplittableRandom rng) {
        for (List<Integer> share : shares) {
            while (share.size() < minimum) {
                List<Integer> largest = shares.get(0);
                for (List<Integer> candidate : shares) {
                    if (candidate.size() > largest.size()) {
                        largest = candidate;
                    }
                }
                share.add(largest.remove(rng.nextInt(largest.size())));
            }
        }
    }
}
