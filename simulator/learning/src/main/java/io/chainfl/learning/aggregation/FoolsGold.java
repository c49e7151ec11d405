package io.chainfl.learning.aggregation;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FoolsGold (Fung, Yoon and Beschastnikh, "The Limitations of Federated Learning in Sybil Settings", RAID 2020,
 * Algorithm 1): sybils pushing one goal send similar updates round after round, honest clients with their own data do
 * not, so each client is weighed by how unlike the others its history is. Per round, for the clients present:
 * <ol>
 *   <li>each client's history {@code H_i} (the sum of all its updates so far, this one included) is updated;</li>
 *   <li>{@code cs_ij} = cosine similarity of {@code H_i} and {@code H_j}, with {@code cs_ii = 0} (the authors' code
 *       subtracts the identity), and {@code v_i = max_j cs_ij};</li>
 *   <li>pardoning: {@code cs_ij *= v_i / v_j} where {@code v_j > v_i}, so an honest client that merely resembles a
 *       sybil is not punished as one;</li>
 *   <li>{@code alpha_i = 1 - max_j cs_ij}, clipped to [0, 1], divided by the largest, 1 becomes 0.99;</li>
 *   <li>logit: {@code alpha_i = confidence * (ln(alpha_i / (1 - alpha_i)) + 0.5)}, clipped to [0, 1].</li>
 * </ol>
 * The aggregate is the weighted mean {@code sum_i alpha_i Delta_i / sum_i alpha_i} of this round's updates (no data
 * sizes, as in the paper; normalising by the weights keeps an all-honest round an ordinary mean), zero when every weight
 * is zero. The paper's optional feature-importance weighting of the output layer is left out.
 *
 * <p><b>Stateful:</b> the histories live here across rounds, keyed by participant id, one float per parameter each
 * (summed in float, in round order); {@link #saveState} puts them into checkpoints, so a resumed run weighs as an
 * uninterrupted one. Cosines, logits and the weighted sum are in double, clients in participant order; every
 * {@code log} is StrictMath's.
 */
public final class FoolsGold implements Aggregator {

    /** The config section, e.g. {@code {type: foolsgold}}. */
    public record Params(
            @Doc("confidence kappa of the logit weights kappa * (ln(a / (1 - a)) + 0.5), clipped to [0, 1]")
            @Range(min = 0, max = 1e6, exclusiveMin = true) Double confidence)
            implements AggregatorParams {
        public Params {
            confidence = confidence == null ? 1.0 : confidence;
        }
    }

    private final double confidence;
    private final Map<Integer, float[]> histories = new TreeMap<>();

    public FoolsGold(double confidence) {
        if (!(confidence > 0) || Double.isInfinite(confidence)) {
            throw new IllegalArgumentException("foolsgold confidence must be a finite value > 0, got " + confidence);
        }
        this.confidence = confidence;
    }

    @Override
    public String name() {
        return "foolsgold";
    }

    @Override
    public synchronized float[] aggregate(List<ClientUpdate> updates) {
        List<ClientUpdate> ordered = Updates.byParticipant(updates);
        float[][] rows = UpdateMatrix.stack(ordered);
        float[][] history = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float[] h = histories.get(ordered.get(i).participantId());
            if (h == null || h.length != rows[i].length) {
                h = new float[rows[i].length];
                histories.put(ordered.get(i).participantId(), h);
            }
            for (int j = 0; j < h.length; j++) {
                h[j] += rows[i][j];
            }
            history[i] = h;
        }
        double[] alpha = weights(history, confidence);
        double total = 0;
        for (double a : alpha) {
            total += a;
        }
        if (total <= 0) {
            return new float[rows[0].length];
        }
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] /= total;
        }
        return Updates.weightedSum(rows, alpha);
    }

    /** Each client's weight in [0, 1] from the clients' histories (steps 2 to 5 above). */
    static double[] weights(float[][] history, double confidence) {
        int n = history.length;
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = Updates.norm(history[i]);
        }
        double[][] cs = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = i + 1; k < n; k++) {
                double dot = 0;
                for (int j = 0; j < history[i].length; j++) {
                    dot += (double) history[i][j] * history[k][j];
                }
                // a zero history (a client that never moved) is like nobody: similarity 0
                double cosine = norms[i] > 0 && norms[k] > 0 ? dot / (norms[i] * norms[k]) : 0;
                cs[i][k] = cosine;
                cs[k][i] = cosine;
            }
        }
        double[] maxSimilarity = new double[n];
        for (int i = 0; i < n; i++) {
            maxSimilarity[i] = rowMax(cs[i]);
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                if (i != k && maxSimilarity[i] < maxSimilarity[k]) {
                    cs[i][k] *= maxSimilarity[i] / maxSimilarity[k]; // pardoning
                }
            }
        }
        double[] alpha = new double[n];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            alpha[i] = Math.min(1, Math.max(0, 1 - rowMax(cs[i])));
            largest = Math.max(largest, alpha[i]);
        }
        for (int i = 0; i < n; i++) {
            if (largest <= 0) {
                alpha[i] = 0; // every client copies another: nobody earns weight
                continue;
            }
            double a = alpha[i] / largest;
            a = a == 1 ? 0.99 : a;
            double logit = confidence * (StrictMath.log(a / (1 - a)) + 0.5); // log(0) = -inf, clipped to 0 below
            alpha[i] = Double.isNaN(logit) ? 0 : Math.min(1, Math.max(0, logit));
        }
        return alpha;
    }

    private static double rowMax(double[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : row) {
            max = Math.max(max, value);
        }
        return max;
    }

    /** The participants whose history this holds (for tests). */
    synchronized java.util.Set<Integer> participants() {
        return java.util.Set.copyOf(histories.keySet());
    }

    /** Every history, bit for bit, one section per participant. */
    @Override
    public synchronized void saveState(Snapshot.Builder out, String prefix) {
        histories.forEach((id, h) -> out.floats(prefix + "history/" + id, h));
    }

    @Override
    public synchronized void restoreState(Snapshot in, String prefix) {
        histories.clear();
        String start = prefix + "history/";
        in.sections().keySet().stream().filter(name -> name.startsWith(start))
                .forEach(name -> histories.put(Integer.parseInt(name.substring(start.length())), in.requireFloats(name)));
    }
}
