package io.chainfl.learning.aggregation;

import java.util.Optional;

/**
 * The smallest number of updates per round a rule can aggregate, stated once so the config check
 * ({@code validate} and {@code run} refuse too few participants up front) and the documentation agree. The rules
 * themselves also refuse too few updates when aggregating (MultiKrum, Bulyan, TrimmedMean), as a guard for rounds
 * that lose participants at run time; those guards state the same inequalities.
 *
 * @param minimum smallest number of updates per round
 * @param rule    the inequality as the paper states it, with the configured numbers, e.g. "n >= 4f + 3 with f = 1"
 * @param knobs   the rule's parameters that lower the minimum, e.g. "f"
 */
public record MinimumUpdates(int minimum, String rule, String knobs) {

    /** The requirement of the configured rule, or empty when any number of updates (at least one) will do. */
    public static Optional<MinimumUpdates> of(AggregatorParams params) {
        Optional<MinimumUpdates> own = params.minimumUpdates();
        if (own.isPresent()) {
            return own; // a rule registered beside its class states its own
        }
        if (params instanceof AggregatorParams.KrumParams krum) {
            return Optional.of(krum(krum.f(), null));
        }
        if (params instanceof AggregatorParams.MultiKrumParams multiKrum) {
            return Optional.of(krum(multiKrum.f(), multiKrum.m()));
        }
        if (params instanceof AggregatorParams.BulyanParams bulyan) {
            return Optional.of(new MinimumUpdates(clamp(4L * bulyan.f() + 3), "n >= 4f + 3 with f = " + bulyan.f(), "f"));
        }
        if (params instanceof AggregatorParams.TrimmedMeanParams trimmed && trimmed.f() != null) {
            // with beta < 0.5 (its range), floor(beta * n) per side always leaves one value: only a fixed f has a minimum
            return Optional.of(new MinimumUpdates(clamp(2L * trimmed.f() + 1), "n > 2f with f = " + trimmed.f(), "f (or use beta)"));
        }
        return Optional.empty();
    }

    /** Krum scores need n > 2f + 2; Multi-Krum averages m <= n - f of them. */
    private static MinimumUpdates krum(int f, Integer m) {
        long scored = 2L * f + 3;
        if (m != null && (long) m + f > scored) {
            return new MinimumUpdates(clamp((long) m + f), "n >= m + f with m = " + m + ", f = " + f, "m or f");
        }
        return new MinimumUpdates(clamp(scored), "n > 2f + 2 with f = " + f, "f");
    }

    static int clamp(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
