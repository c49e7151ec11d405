package io.chainfl.learning.cost;

import io.chainfl.learning.aggregation.AggregatorParams;
import java.util.Optional;

/**
 * What aggregating n updates of d parameters costs the server, counted from the rule (pure arithmetic, like
 * {@link ModelCost}); one operation is one FLOP or one comparison. The rules counted:
 * <ul>
 *   <li>fedavg (and the central DP-FedAvg built on it): each update scaled by its weight and added, {@code 2 n d};</li>
 *   <li>median: a comparison sort of the n values of every coordinate, {@code d n ceil(log2 n)};</li>
 *   <li>trimmed_mean: the same sort, then the kept values summed and divided (at most n each), {@code d (n ceil(log2 n) + n)};</li>
 *   <li>krum, multi_krum: the squared distance of every pair of updates (subtract, multiply, add: {@code 3 d} per pair),
 *       {@code 3 d n (n - 1) / 2}, then the m selected updates averaged, {@code 2 m d} (krum m = 1; multi_krum m, or n - f).</li>
 * </ul>
 * Scoring the distances (O(n^2 log n)) and summing weights (O(n)) are left out, as ModelCost leaves out biases. Other
 * rules are not counted: {@link #of} is empty for them, and a config asking for their server work is refused.
 */
public final class AggregationCost {
    private AggregationCost() {}

    /** The operations of aggregating {@code n} updates of {@code d} parameters under {@code rule}, as a function of n. */
    public interface Count {
        double operations(int n, long d);
    }

    /** The rule's count, or empty when the rule's cost is not modelled. */
    public static Optional<Count> of(AggregatorParams rule) {
        if (rule instanceof AggregatorParams.FedAvgParams) {
            return Optional.of((n, d) -> 2.0 * n * d);
        }
        if (rule instanceof AggregatorParams.MedianParams) {
            return Optional.of((n, d) -> (double) d * n * ceilLog2(n));
        }
        if (rule instanceof AggregatorParams.TrimmedMeanParams) {
            return Optional.of((n, d) -> (double) d * ((double) n * ceilLog2(n) + n));
        }
        if (rule instanceof AggregatorParams.KrumParams) {
            return Optional.of((n, d) -> pairwise(n, d) + 2.0 * d);
        }
        if (rule instanceof AggregatorParams.MultiKrumParams p) {
            return Optional.of((n, d) -> pairwise(n, d) + 2.0 * (p.m() != null ? Math.min(p.m(), n) : Math.max(1, n - p.f())) * d);
        }
        return Optional.empty();
    }

    /** The rules whose cost is counted, as configs name them. */
    public static String countedRules() {
        return "fedavg, median, trimmed_mean, krum and multi_krum";
    }

    private static double pairwise(int n, long d) {
        return 3.0 * d * ((double) n * (n - 1) / 2);
    }

    /** The smallest k with 2^k >= n (0 for n = 1): the depth of a comparison sort's merge tree. */
    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
