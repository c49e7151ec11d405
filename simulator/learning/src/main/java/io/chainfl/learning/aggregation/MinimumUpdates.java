package io.chainfl.learning.aggregation;

import java.util.Optional;

/**
 * The smallest number of updates per round a rule can aggregate, stated once so the config check
 * ({@code validate} and {@code run} refuse too few participants up front) and the documentation agree. The rules
 * themselves also refuse too few updates when aggregating (MultiKrum, Bulyan, TrimmedMean), as a guard for rounds
 * that lose participants at run time; those guards state the same inequalities.
 *
 * @param minimum smallest number of updates per round
 * @param rule    the inequality as the paper states it, with the configured numbers, e.g. "n >= 4f + 3 = 7"
 */
public record MinimumUpdates(int minimum, String rule) {

    /** The requirement of the configured rule, or empty when any number of updates (at least one) will do. */
    public static Optional<MinimumUpdates> of(AggregatorParams params) {
        if (params instanceof AggregatorParams.KrumParams krum) {
            return Optional.of(krum(krum.f(), null));
        }
        if (params instanceof AggregatorParams.MultiKrumParams multiKrum) {
            return Optional.of(krum(multiKrum.f(), multiKrum.m()));
        }
        if (params instanceof AggregatorParams.BulyanParams bulyan) {
            long n = 4L * bulyan.f() + 3;
            return Optional.of(new MinimumUpdates(clamp(n), "n >= 4f + 3 = " + n));
        }
        if (params instanceof AggregatorParams.TrimmedMeanParams trimmed && trimmed.f() != null) {
            // with beta < 0.5 (its range), floor(beta * n) per side always leaves one value: only a fixed f has a minimum
            long n = 2L * trimmed.f() + 1;
            return Optional.of(new MinimumUpdates(clamp(n), "n > 2f = " + (2L * trimmed.f())));
        }
        return Optional.empty();
    }

    /** Krum scores need n > 2f + 2; Multi-Krum averages m <= n - f of them. */
    private static MinimumUpdates krum(int f, Integer m) {
        long scored = 2L * f + 3;
        if (m != null && (long) m + f > scored) {
            return new MinimumUpdates(clamp((long) m + f), "m <= n - f, so n >= m + f = " + ((long) m + f));
        }
        return new MinimumUpdates(clamp(scored), "n > 2f + 2 = " + (scored - 1));
    }

    private static int clamp(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n);
    }
}
