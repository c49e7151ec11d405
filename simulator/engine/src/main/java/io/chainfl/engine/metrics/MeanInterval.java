package io.chainfl.engine.metrics;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The mean of a few runs (one per seed) with its 95% confidence interval from Student's t distribution with
 * n - 1 degrees of freedom: mean +- t(0.975, n-1) * s / sqrt(n), s the sample standard deviation. One run
 * gives a zero-width interval (nothing to estimate the spread from), none gives NaN.
 * The t quantile is Hipparchus's: its special functions use FastMath, pure Java, so the interval has the same bits
 * on every CPU (Math's exp/log may be swapped by the JIT for CPU-specific intrinsics whose last bits differ).
 */
public record MeanInterval(double mean, double lower, double upper, int n) {

    /**
     * The t quantile is found by a root solver on Hipparchus's CDF; its default absolute accuracy (1e-9) would
     * leave the quantile's last five or six digits to the solver's stopping point.
     */
    private static final double QUANTILE_ACCURACY = 1e-14;

    public static MeanInterval of95(double[] values) {
        return of(values, 0.95);
    }

    public static MeanInterval of(double[] values, double confidence) {
        int n = values.length;
        if (n == 0) {
            return new MeanInterval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new MeanInterval(mean, mean, mean, 1);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double standardError = Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        double half = studentTQuantile(0.5 + confidence / 2, n - 1) * standardError;
        return new MeanInterval(mean, mean - half, mean + half, n);
    }

    /** The t with P(T <= t) = p for Student's t with the given degrees of freedom, 0 < p < 1. */
    public static double studentTQuantile(double p, int degreesOfFreedom) {
        if (!(p > 0 && p < 1) || degreesOfFreedom < 1) {
            throw new IllegalArgumentException("quantile needs 0 < p < 1 and df >= 1, got p=" + p + ", df=" + degreesOfFreedom);
        }
        return new TDistribution(degreesOfFreedom, QUANTILE_ACCURACY).inverseCumulativeProbability(p);
    }
}
