package io.chainfl.learning.data;

import java.util.SplittableRandom;

/**
 * The distributions the data layer needs, written out on top of {@link SplittableRandom} so that a seed
 * gives the same data on every JDK (the JDK's own Gaussian algorithm is not specified and may change) and CPU
 * (StrictMath, not Math: the JIT may swap Math's exp/log/pow for CPU-specific intrinsics whose last bits differ).
 */
public final class RandomDraws {
    private RandomDraws() {}

    /** Standard normal by the Marsaglia polar method. */
    public static double gaussian(SplittableRandom rng) {
        while (true) {
            double u = 2 * rng.nextDouble() - 1;
            double v = 2 * rng.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * StrictMath.log(s) / s);
            }
        }
    }

    /**
     * Fills {@code out} with standard normals by the polar method, using both values of each accepted pair (half the
     * logarithms and draws of calling {@link #gaussian} per value, which discards one; so a different sequence).
     */
    public static void gaussians(double[] out, SplittableRandom rng) {
        int i = 0;
        while (i < out.length) {
            double u = 2 * rng.nextDouble() - 1;
            double v = 2 * rng.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                double scale = Math.sqrt(-2 * StrictMath.log(s) / s);
                out[i++] = u * scale;
                if (i < out.length) {
                    out[i++] = v * scale;
                }
            }
        }
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below one use the boost {@code G(a+1) * U^(1/a)}. */
    public static double gamma(double shape, SplittableRandom rng) {
        if (!(shape > 0)) {
            throw new IllegalArgumentException("gamma shape must be positive: " + shape);
        }
        if (shape < 1) {
            double u = rng.nextDouble();
            // U may be 0; then the sample is 0, which Dirichlet normalisation tolerates
            return gamma(shape + 1, rng) * StrictMath.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian(rng);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x) {
                return d * v;
            }
            if (u > 0 && StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * A draw from the symmetric Dirichlet(alpha, ..., alpha). With a tiny alpha every gamma draw can underflow
     * to zero; then all mass goes to one uniformly chosen component, which is the limit of the distribution.
     */
    public static double[] symmetricDirichlet(double alpha, int dimensions, SplittableRandom rng) {
        double[] weights = new double[dimensions];
        double sum = 0;
        for (int i = 0; i < dimensions; i++) {
            weights[i] = gamma(alpha, rng);
            sum += weights[i];
        }
        if (!(sum > 0)) {
            weights[rng.nextInt(dimensions)] = 1;
            return weights;
        }
        for (int i = 0; i < dimensions; i++) {
            weights[i] /= sum;
        }
        return weights;
    }

    /** Fisher-Yates shuffle in place. */
    public static void shuffle(int[] values, SplittableRandom rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** {@code 0 .. n-1} in random order. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        shuffle(values, rng);
        return values;
    }
}
