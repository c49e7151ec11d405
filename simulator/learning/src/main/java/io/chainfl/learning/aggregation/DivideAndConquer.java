package io.chainfl.learning.aggregation;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.seed.SeedStreams;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Divide-and-Conquer, DnC (Shejwalkar and Houmansadr, "Manipulating the Byzantine: Optimizing Model Poisoning Attacks
 * and Defenses for Federated Learning", NDSS 2021, Algorithm 2). Each of {@code iterations} (the paper's niters)
 * iterations samples {@code b} coordinates, centres the sampled updates on their mean, takes the top right singular
 * vector {@code v} of that centred matrix and scores each update by {@code <g_i - mu, v>^2}, its squared projection
 * on the direction of largest spread; the {@code floor(c * f)} highest scores are dropped. The updates kept by every
 * iteration are averaged, whole and unweighted, as in the paper. When the iterations together drop everybody the
 * round changes nothing (a zero update).
 *
 * <p>Determinism: the coordinate sample of iteration {@code k} in round {@code r} comes from the seed stream
 * {@code server/dnc/round/r/iteration/k} (a partial Fisher-Yates draw of the participant-independent indices, then
 * sorted so sums run in index order). The singular vector is found by power iteration on the {@code n x n} Gram
 * matrix {@code C C^T} (the top right singular vector of {@code C} is {@code C^T u / ||C^T u||} for the top eigenvector
 * {@code u} of {@code C C^T}; n is small, b large), started from the update farthest from the mean (no random
 * start) for at most {@link #POWER_STEPS} steps; all in double in fixed order. Score ties drop the
 * higher participant id.
 */
public final class DivideAndConquer implements Aggregator {
    /** Power-iteration steps at most; it stops earlier once the vector moves by less than {@link #POWER_TOLERANCE}. */
    static final int POWER_STEPS = 1000;
    static final double POWER_TOLERANCE = 1e-12;

    /** The config section, e.g. {@code {type: dnc, f: 4}}. */
    public record Params(
            @Doc("Byzantine clients expected (the paper's m); each iteration drops the floor(filter_fraction * f) updates with the highest outlier scores")
            @Range(min = 0, max = 1_000_000) Integer f,
            @Doc("iterations, each on a fresh seeded sample of coordinates; only updates kept by all of them are averaged (the paper's niters)")
            @Range(min = 1, max = 1000) Integer iterations,
            @Doc("coordinates sampled per iteration (the paper's b); all of them when the model has fewer")
            @Range(min = 1, max = 1_000_000_000) Integer subsampleDimension,
            @Doc("filtering fraction c: updates dropped per iteration are floor(c * f)")
            @Range(min = 0, max = 100) Double filterFraction)
            implements AggregatorParams {
        public Params {
            f = f == null ? 1 : f;
            iterations = iterations == null ? 5 : iterations;
            subsampleDimension = subsampleDimension == null ? 10_000 : subsampleDimension;
            filterFraction = filterFraction == null ? 1.0 : filterFraction;
        }

        /** Updates dropped per iteration. */
        int dropped() {
            return (int) Math.floor(filterFraction * f + 1e-9);
        }

        /** Dropping floor(c f) must leave at least one update. */
        @Override
        public Optional<MinimumUpdates> minimumUpdates() {
            return Optional.of(new MinimumUpdates(MinimumUpdates.clamp(dropped() + 1L),
                    "n > floor(c f) with c = " + filterFraction + ", f = " + f, "f or filter_fraction"));
        }
    }

    private final int f;
    private final int iterations;
    private final int subsampleDimension;
    private final double filterFraction;
    private final int dropped;
    private final SeedStreams seeds;
    private int round = -1;

    public DivideAndConquer(Params params, SeedStreams seeds) {
        Updates.requireNonNegative(params.f(), "dnc f");
        if (params.iterations() < 1 || params.subsampleDimension() < 1 || !(params.filterFraction() >= 0)) {
            throw new IllegalArgumentException("dnc needs iterations >= 1, subsample_dimension >= 1 and filter_fraction >= 0, got " + params);
        }
        this.f = params.f();
        this.iterations = params.iterations();
        this.subsampleDimension = params.subsampleDimension();
        this.filterFraction = params.filterFraction();
        this.dropped = params.dropped();
        this.seeds = java.util.Objects.requireNonNull(seeds, "seeds");
    }

    @Override
    public String name() {
        return "dnc";
    }

    @Override
    public synchronized void beginRound(int round, float[] globalParams) {
        this.round = round;
    }

    @Override
    public synchronized float[] aggregate(List<ClientUpdate> updates) {
        if (round < 0) {
            throw new IllegalStateException("dnc: aggregate called before beginRound (its coordinate samples are drawn per round)");
        }
        float[][] rows = UpdateMatrix.stack(Updates.byParticipant(updates));
        boolean[] kept = kept(rows);
        int count = 0;
        for (boolean k : kept) {
            count += k ? 1 : 0;
        }
        if (count == 0) {
            return new float[rows[0].length];
        }
        float[][] good = new float[count][];
        for (int i = 0, g = 0; i < rows.length; i++) {
            if (kept[i]) {
                good[g++] = rows[i];
            }
        }
        return Updates.mean(good);
    }

    /** Which updates (participant order) every iteration kept. */
    boolean[] kept(float[][] rows) {
        int n = rows.length;
        if (dropped >= n) {
            throw new IllegalArgumentException("dnc drops floor(c f) = " + dropped + " updates per iteration (c = " + filterFraction + ", f = " + f
                    + ") and needs more than that, got " + n);
        }
        boolean[] kept = new boolean[n];
        Arrays.fill(kept, true);
        for (int iteration = 0; iteration < iterations; iteration++) {
            int[] coordinates = sample(rows[0].length, seeds.stream("server", "dnc", "round", round, "iteration", iteration));
            double[] scores = outlierScores(rows, coordinates);
            // stable: equal scores keep participant order, so the higher id is dropped first
            int[] ranked = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> scores[i])).mapToInt(Integer::intValue).toArray();
            for (int r = n - dropped; r < n; r++) {
                kept[ranked[r]] = false;
            }
        }
        return kept;
    }

    /** {@code min(b, d)} distinct coordinates, sorted. */
    int[] sample(int dimension, SplittableRandom random) {
        if (subsampleDimension >= dimension) {
            return IntStream.range(0, dimension).toArray();
        }
        int[] indices = IntStream.range(0, dimension).toArray();
        for (int k = 0; k < subsampleDimension; k++) { // the first b steps of a Fisher-Yates shuffle
            int j = k + random.nextInt(dimension - k);
            int swap = indices[k];
            indices[k] = indices[j];
            indices[j] = swap;
        }
        int[] chosen = Arrays.copyOf(indices, subsampleDimension);
        Arrays.sort(chosen);
        return chosen;
    }

    /** Each row's squared projection, after centring on the column means, on the top right singular vector. */
    static double[] outlierScores(float[][] rows, int[] coordinates) {
        int n = rows.length;
        int b = coordinates.length;
        double[][] centred = new double[n][b];
        for (int k = 0; k < b; k++) {
            int j = coordinates[k];
            double sum = 0;
            for (float[] row : rows) {
                sum += row[j];
            }
            double mean = sum / n;
            for (int i = 0; i < n; i++) {
                centred[i][k] = rows[i][j] - mean;
            }
        }
        double[] v = topRightSingularVector(centred);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double projection = 0;
            for (int k = 0; k < b; k++) {
                projection += centred[i][k] * v[k];
            }
            scores[i] = projection * projection;
        }
        return scores;
    }

    /** The unit top right singular vector of {@code c} (zero when {@code c} is zero), by power iteration on {@code c c^T}. */
    static double[] topRightSingularVector(double[][] c) {
        int n = c.length;
        int b = c[0].length;
        double[][] gram = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = i; k < n; k++) {
                double dot = 0;
                for (int j = 0; j < b; j++) {
                    dot += c[i][j] * c[k][j];
                }
                gram[i][k] = dot;
                gram[k][i] = dot;
            }
        }
        // start at the row farthest from the mean (largest diagonal entry, the lower index on a tie): a positive start
        // such as the diagonal itself is orthogonal to the top eigenvector of symmetric data, since centred rows sum to zero
        int farthest = 0;
        for (int i = 1; i < n; i++) {
            if (gram[i][i] > gram[farthest][farthest]) {
                farthest = i;
            }
        }
        if (!(gram[farthest][farthest] > 0)) {
            return new double[b];
        }
        double[] u = new double[n];
        u[farthest] = 1;
        for (int step = 0; step < POWER_STEPS; step++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += gram[i][k] * u[k];
                }
                next[i] = sum;
            }
            if (!normalise(next)) {
                break; // u lies in the null space: keep it (its projection is what it is)
            }
            double moved = 0;
            for (int i = 0; i < n; i++) {
                moved += Math.abs(next[i] - u[i]);
            }
            u = next;
            if (moved < POWER_TOLERANCE) {
                break;
            }
        }
        double[] v = new double[b];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < b; j++) {
                v[j] += u[i] * c[i][j];
            }
        }
        if (!normalise(v)) {
            return new double[b];
        }
        return v;
    }

    /** Scales {@code x} to unit length in place; false (and {@code x} untouched) when its length is zero or not finite. */
    private static boolean normalise(double[] x) {
        double squared = 0;
        for (double value : x) {
            squared += value * value;
        }
        double norm = Math.sqrt(squared);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] /= norm;
        }
        return true;
    }
}
