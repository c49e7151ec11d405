package io.chainfl.learning.aggregation;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Nearest-neighbour mixing, NNM (Allouah, Farhadkhani, Guerraoui, Gupta, Pinot and Stephan, "Fixing by Mixing: A
 * Recipe for Optimal Byzantine ML under Heterogeneity", AISTATS 2023, Algorithm 1): every update is replaced by the
 * unweighted mean of its {@code n - f} nearest updates in Euclidean distance, itself included, and another rule (the
 * {@code then:} section, e.g. {@code {type: nnm, f: 4, then: {type: krum, f: 4}}}) aggregates the mixed updates, which
 * keep their participant ids and data sizes. Mixing pulls honest updates together and drags Byzantine ones toward
 * them, which is what lets a robust rule reach its optimal error under heterogeneous data.
 *
 * <p>Neighbours are ranked by squared distance summed pair by pair in double ({@link PairwiseDistances}), the update
 * itself first, ties to the lower participant id; each mean is summed in participant order. The inner rule gets
 * {@link #beginRound} and its checkpoint state passed through.
 */
public final class NearestNeighbourMixing implements Aggregator {

    /** The config section; {@code then} defaults to the coordinate-wise median. */
    public record Params(
            @Doc("Byzantine clients tolerated: each update becomes the mean of its n - f nearest updates, itself included")
            @Range(min = 0, max = 1_000_000) Integer f,
            @Doc("the rule that aggregates the mixed updates, any aggregator section, e.g. {type: krum, f: 4}")
            AggregatorParams then)
            implements AggregatorParams {
        public Params {
            f = f == null ? 1 : f;
            then = then == null ? new AggregatorParams.MedianParams() : then;
        }

        /** n > f for the mixing, and whatever the inner rule needs of the n mixed updates. */
        @Override
        public Optional<MinimumUpdates> minimumUpdates() {
            Optional<MinimumUpdates> inner = MinimumUpdates.of(then);
            if (inner.isPresent() && inner.get().minimum() > f + 1) {
                MinimumUpdates m = inner.get();
                return Optional.of(new MinimumUpdates(m.minimum(), m.rule() + " (then: " + Aggregators.nameOf(then.getClass()) + ")", "then." + m.knobs()));
            }
            return Optional.of(new MinimumUpdates(MinimumUpdates.clamp(f + 1L), "n > f with f = " + f, "f"));
        }
    }

    private final int f;
    private final Aggregator then;

    public NearestNeighbourMixing(int f, Aggregator then) {
        Updates.requireNonNegative(f, "nnm f");
        this.f = f;
        this.then = Objects.requireNonNull(then, "then");
    }

    @Override
    public String name() {
        return "nnm";
    }

    @Override
    public void beginRound(int round, float[] globalParams) {
        then.beginRound(round, globalParams);
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        return then.aggregate(mix(updates));
    }

    /** The mixed updates, in participant order, each with its participant's id and weight. */
    List<ClientUpdate> mix(List<ClientUpdate> updates) {
        List<ClientUpdate> ordered = Updates.byParticipant(updates);
        float[][] rows = UpdateMatrix.stack(ordered);
        int n = rows.length;
        if (n <= f) {
            throw new IllegalArgumentException("nnm with f = " + f + " needs n > f updates, got " + n);
        }
        double[][] distances = PairwiseDistances.squared(rows);
        List<ClientUpdate> mixed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int self = i;
            double[] fromI = distances[i];
            int[] nearest = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingInt(k -> k == self ? 0 : 1).thenComparingDouble(k -> fromI[k]).thenComparingInt(k -> k))
                    .limit(n - f).mapToInt(Integer::intValue).toArray();
            Arrays.sort(nearest); // sum in participant order
            float[][] neighbours = new float[nearest.length][];
            for (int k = 0; k < nearest.length; k++) {
                neighbours[k] = rows[nearest[k]];
            }
            mixed.add(new ClientUpdate(ordered.get(i).participantId(), Updates.mean(neighbours), ordered.get(i).weight()));
        }
        return mixed;
    }

    @Override
    public void saveState(Snapshot.Builder out, String prefix) {
        then.saveState(out, prefix + "then/");
    }

    @Override
    public void restoreState(Snapshot in, String prefix) {
        then.restoreState(in, prefix + "then/");
    }
}
