package io.chainfl.learning.aggregation;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * LearningChain's l-nearest gradients aggregation (Chen, Ji, Luo, Liao and Li, "When Machine Learning Meets Blockchain:
 * A Decentralized, Privacy-preserving and Secure Design", IEEE BigData 2018; the survey's LearningChain entry and
 * /work/shared/REPLICATION.md name the rule, the paper's text is not among the project's sources, so the definition
 * below is written out in full and docs/learningchain.md says so). The winning computing node, given the n gradients
 * of a round:
 * <ol>
 *   <li>measures every pair's Euclidean distance {@code d(i, j) = ||g_i - g_j||};</li>
 *   <li>for each gradient i takes its l nearest other gradients {@code N_l(i)} and scores it by the sum of those
 *       distances, {@code s(i) = sum over j in N_l(i) of d(i, j)};</li>
 *   <li>picks the gradient with the lowest score, {@code i*}, the one closest to the others;</li>
 *   <li>returns the unweighted mean of {@code g_i*} and its l nearest gradients (l + 1 gradients).</li>
 * </ol>
 * A Byzantine gradient far from the honest ones scores high and is never i*; while l stays below the number of honest
 * gradients, i*'s l nearest are honest too. Unlike Krum (squared distances to n - f - 2 neighbours, the single best
 * update) it averages a neighbourhood, so the aggregate's variance falls with l.
 *
 * <p>Distances come from {@link PairwiseDistances} (each pair summed in coordinate order in double), so ties are decided
 * alike on every CPU: a tie in distance goes to the lower participant id, a tie in score too; the mean is summed in
 * participant order.
 */
public final class LNearestGradients implements Aggregator {

    /** The config section, e.g. {@code {type: l_nearest, l: 10}}. */
    public record Params(
            @Doc("how many nearest gradients score each gradient and join the winner's mean (the mean is over l + 1 gradients);"
                    + " keep it below the number of honest data holders")
            @Range(min = 1, max = 1_000_000) Integer l)
            implements AggregatorParams {
        public Params {
            l = l == null ? 3 : l;
        }

        /** A gradient needs l others to be scored. */
        @Override
        public Optional<MinimumUpdates> minimumUpdates() {
            return Optional.of(new MinimumUpdates(MinimumUpdates.clamp(l + 1L), "n > l with l = " + l, "l"));
        }
    }

    private final int l;

    public LNearestGradients(int l) {
        if (l < 1) {
            throw new IllegalArgumentException("l_nearest l must be >= 1, got " + l);
        }
        this.l = l;
    }

    @Override
    public String name() {
        return "l_nearest";
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        List<ClientUpdate> ordered = Updates.byParticipant(updates);
        float[][] rows = UpdateMatrix.stack(ordered);
        int[] chosen = neighbourhood(rows);
        float[][] members = new float[chosen.length][];
        for (int k = 0; k < chosen.length; k++) {
            members[k] = rows[chosen[k]];
        }
        return Updates.mean(members);
    }

    /**
     * Row indices of the winner and its l nearest rows, ascending (the order the mean sums in); the winner is the row
     * with the lowest sum of Euclidean distances to its l nearest others.
     */
    int[] neighbourhood(float[][] rows) {
        int n = rows.length;
        if (n <= l) {
            throw new IllegalArgumentException("l_nearest with l = " + l + " needs n > l gradients, got " + n);
        }
        double[][] squared = PairwiseDistances.squared(rows);
        double[][] distance = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                distance[i][j] = Math.sqrt(squared[i][j]); // correctly rounded (IEEE 754), the same bits everywhere
            }
        }
        int best = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        int[] bestNeighbours = null;
        for (int i = 0; i < n; i++) {
            int[] neighbours = nearest(distance[i], i);
            double score = 0;
            for (int j : neighbours) {
                score += distance[i][j]; // nearest first
            }
            if (best < 0 || score < bestScore) { // strict: a tie stays with the lower id
                best = i;
                bestScore = score;
                bestNeighbours = neighbours;
            }
        }
        int[] chosen = Arrays.copyOf(bestNeighbours, l + 1);
        chosen[l] = best;
        Arrays.sort(chosen);
        return chosen;
    }

    /** The l rows nearest to row {@code self}, itself excluded, nearest first, a tie to the lower index. */
    private int[] nearest(double[] fromSelf, int self) {
        return IntStream.range(0, fromSelf.length).filter(j -> j != self).boxed()
                .sorted(Comparator.<Integer>comparingDouble(j -> fromSelf[j]).thenComparingInt(j -> j))
                .limit(l).mapToInt(Integer::intValue).toArray();
    }
}
