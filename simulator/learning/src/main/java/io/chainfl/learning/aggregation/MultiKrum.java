package io.chainfl.learning.aggregation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Krum and Multi-Krum (Blanchard, El Mhamdi, Guerraoui and Stainer, "Machine Learning with Adversaries:
 * Byzantine Tolerant Gradient Descent", NeurIPS 2017). Each update is scored by the sum of squared
 * distances to its {@code n - f - 2} nearest other updates; the {@code m} lowest-scoring updates are
 * averaged without data-size weights (a tie in score goes to the lower participant id). Krum is the case
 * {@code m = 1}; when {@code m} is not given it is {@code n - f}. Tolerates {@code f} Byzantine clients
 * and needs {@code n > 2f + 2}.
 */
public final class MultiKrum implements Aggregator {
    private final int f;
    private final Integer m;
    private final String name;

    /** Multi-Krum averaging the {@code m} best updates; {@code m == null} means {@code n - f}. */
    public MultiKrum(int f, Integer m) {
        this(f, m, "multi_krum");
    }

    private MultiKrum(int f, Integer m, String name) {
        Updates.requireNonNegative(f, name + " f");
        if (m != null && m < 1) {
            throw new IllegalArgumentException(name + " m must be >= 1, got " + m);
        }
        this.f = f;
        this.m = m;
        this.name = name;
    }

    /** Krum: Multi-Krum with {@code m = 1}, the single update with the lowest score. */
    public static MultiKrum krum(int f) {
        return new MultiKrum(f, 1, "krum");
    }

    @Override
    public String name() {
        return name;
    }

    /** Indices (in participant order) of the selected updates, best score first. */
    int[] select(float[][] stacked) {
        int n = stacked.length;
        if (n <= 2 * f + 2) {
            throw new IllegalArgumentException(name + " with f = " + f + " needs n > 2f + 2 = " + (2 * f + 2) + " updates, got " + n);
        }
        int selected = m == null ? n - f : m;
        if (selected > n - f) {
            throw new IllegalArgumentException(name + " m = " + selected + " must be at most n - f = " + (n - f) + " (n = " + n + ", f = " + f + ")");
        }
        double[] scores = PairwiseDistances.krumScores(PairwiseDistances.squared(stacked), IntStream.range(0, n).toArray(), n - f - 2);
        // stable sort: equal scores keep participant order
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble(i -> scores[i]))
                .limit(selected)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        float[][] stacked = UpdateMatrix.stack(Updates.byParticipant(updates));
        int[] chosen = select(stacked);
        Arrays.sort(chosen); // sum in participant order whatever the ranking
        float[][] kept = new float[chosen.length][];
        for (int i = 0; i < chosen.length; i++) {
            kept[i] = stacked[chosen[i]];
        }
        return Updates.mean(kept);
    }
}
