package io.chainfl.learning.aggregation;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.RandomDraws;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * FLAME (Nguyen et al., "FLAME: Taming Backdoors in Federated Learning", USENIX Security 2022, Algorithm 1), in three
 * steps per round:
 * <ol>
 *   <li><b>Filtering.</b> The cosine distances {@code 1 - cos(W_i, W_j)} between the clients' local models
 *       {@code W_i = G + Delta_i} ({@code G} the round's global model) are clustered by HDBSCAN with
 *       {@code min_cluster_size = floor(n/2) + 1}, {@code min_samples = 1} and a single cluster allowed, as the authors
 *       do; the clients of the cluster are admitted, the rest are outliers.</li>
 *   <li><b>Clipping.</b> {@code S} = the median of all n update norms {@code ||W_i - G||}; each admitted update is
 *       scaled by {@code min(1, S / ||Delta_i||)}; the aggregate is their unweighted mean.</li>
 *   <li><b>Noising.</b> Gaussian noise of standard deviation {@code noise_lambda * S} is added to every coordinate
 *       (FLAME's adaptive noise; 0.001 is the paper's level for image classification), drawn from the seed stream
 *       {@code server/flame/round/r}.</li>
 * </ol>
 *
 * <p><b>Why our own HDBSCAN, and why it is short.</b> Tribuo's {@code tribuo-clustering-hdbscan} clusters
 * {@code Example}s of named features with its own distance (one feature object per model parameter and client) and
 * has no "allow a single cluster" option, which FLAME needs: with at most one cluster of a majority, the usual
 * excess-of-mass selection without it would call every client noise. With FLAME's fixed settings the algorithm
 * reduces to a few lines, for any n: {@code min_samples = 1} makes the mutual-reachability distance the plain distance
 * (the core distance is that to the point itself, 0), so the hierarchy is single linkage; a cluster can split into two
 * clusters only if both halves hold {@code min_cluster_size > n/2} points, which cannot happen, so the condensed tree
 * is the root alone, from which points fall out as the linkage distance shrinks. With a single cluster allowed,
 * HDBSCAN labels as members exactly the points that fall out last, at the largest lambda: the points of the first
 * single-linkage component (merging pairs by ascending distance, Kruskal's algorithm) that reaches
 * {@code min_cluster_size} points, plus any that join it at that same distance. {@link #majorityCluster} computes
 * that in O(n^2 log n) over the n x n distances, in double, ties in distance merged in (i, j) order.
 */
public final class Flame implements Aggregator {

    /** The config section, e.g. {@code {type: flame, noise_lambda: 0.001}}. */
    public record Params(
            @Doc("noise level lambda: Gaussian noise of standard deviation lambda * S per coordinate, S the median update norm (0: none)")
            @Range(min = 0, max = 1e6) Double noiseLambda)
            implements AggregatorParams {
        public Params {
            noiseLambda = noiseLambda == null ? 0.001 : noiseLambda;
        }
    }

    private final double noiseLambda;
    private final SeedStreams seeds;
    private int round = -1;
    private float[] global;
    private int[] lastAdmitted = new int[0];

    public Flame(double noiseLambda, SeedStreams seeds) {
        if (!(noiseLambda >= 0) || Double.isInfinite(noiseLambda)) {
            throw new IllegalArgumentException("flame noise_lambda must be a finite value >= 0, got " + noiseLambda);
        }
        this.noiseLambda = noiseLambda;
        this.seeds = java.util.Objects.requireNonNull(seeds, "seeds");
    }

    @Override
    public String name() {
        return "flame";
    }

    @Override
    public synchronized void beginRound(int round, float[] globalParams) {
        this.round = round;
        this.global = globalParams.clone();
    }

    /** Indices (participant order) of the clients the last call admitted, for tests. */
    synchronized int[] lastAdmitted() {
        return lastAdmitted.clone();
    }

    @Override
    public synchronized float[] aggregate(List<ClientUpdate> updates) {
        if (global == null) {
            throw new IllegalStateException("flame: aggregate called before beginRound (it clusters the local models, global + update)");
        }
        float[][] rows = UpdateMatrix.stack(Updates.byParticipant(updates));
        int n = rows.length;
        int params = rows[0].length;
        if (global.length != params) {
            throw new IllegalArgumentException("flame: the global model has " + global.length + " parameters, the updates " + params);
        }
        int[] admitted = majorityCluster(cosineDistancesOfModels(global, rows));
        lastAdmitted = admitted;
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = Updates.norm(rows[i]);
        }
        double bound = median(norms);
        double[] sum = new double[params];
        for (int i : admitted) {
            // min(1, S / ||Delta_i||); a zero update gives +inf before the min and adds nothing anyway
            double factor = Math.min(1.0, bound / norms[i]) / admitted.length;
            for (int j = 0; j < params; j++) {
                sum[j] += factor * rows[i][j];
            }
        }
        double sigma = noiseLambda * bound;
        if (sigma > 0) {
            SplittableRandom noise = seeds.stream("server", "flame", "round", round);
            for (int j = 0; j < params; j++) {
                sum[j] += sigma * RandomDraws.gaussian(noise);
            }
        }
        return Updates.toFloat(sum);
    }

    /** {@code 1 - cos(G + Delta_i, G + Delta_j)}, in [0, 2]; a zero or non-finite model is at distance 1 or 2. */
    static double[][] cosineDistancesOfModels(float[] global, float[][] rows) {
        int n = rows.length;
        double[][] models = new double[n][global.length];
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double squared = 0;
            for (int j = 0; j < global.length; j++) {
                double w = (double) global[j] + rows[i][j];
                models[i][j] = w;
                squared += w * w;
            }
            norms[i] = Math.sqrt(squared);
        }
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                double dot = 0;
                for (int j = 0; j < global.length; j++) {
                    dot += models[i][j] * models[k][j];
                }
                double distance = norms[i] > 0 && norms[k] > 0 ? 1 - dot / (norms[i] * norms[k]) : 1;
                distance = Double.isNaN(distance) ? 2 : Math.min(2, Math.max(0, distance));
                d[i][k] = distance;
                d[k][i] = distance;
            }
        }
        return d;
    }

    /**
     * HDBSCAN's single allowed cluster for {@code min_cluster_size = floor(n/2) + 1}, {@code min_samples = 1} (see the
     * class comment): the members of the first single-linkage component to reach that size, with everything that
     * joins it at the same distance, in ascending index order.
     */
    static int[] majorityCluster(double[][] distances) {
        int n = distances.length;
        int minClusterSize = n / 2 + 1;
        int[] parent = new int[n];
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            size[i] = 1;
        }
        if (minClusterSize <= 1) {
            return new int[] {0}; // one client: it is the cluster
        }
        List<long[]> edges = new ArrayList<>(n * (n - 1) / 2);
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                edges.add(new long[] {Double.doubleToLongBits(distances[i][k]), i, k});
            }
        }
        // distances are >= 0, so their bit patterns sort as the values do; ties by (i, k)
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[2], b[2]));
        int root = -1;
        long level = 0;
        for (long[] edge : edges) {
            if (root >= 0 && edge[0] != level) {
                break; // past the distance at which the cluster formed
            }
            int a = find(parent, (int) edge[1]);
            int b = find(parent, (int) edge[2]);
            if (a != b) {
                if (size[a] < size[b] || (size[a] == size[b] && b < a)) {
                    int swap = a;
                    a = b;
                    b = swap;
                }
                parent[b] = a;
                size[a] += size[b];
                if (root < 0 && size[a] >= minClusterSize) {
                    root = a;
                    level = edge[0];
                }
            }
        }
        int cluster = find(parent, root);
        return java.util.stream.IntStream.range(0, n).filter(i -> find(parent, i) == cluster).toArray();
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** The median of the values, the mean of the two middle ones when their count is even. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
