package io.chainfl.engine.metrics;

/**
 * The mean of a few runs (one per seed) with its 95% confidence interval from Student's t distribution with
 * n - 1 degrees of freedom: mean +- t(0.975, n-1) * s / sqrt(n), s the sample standard deviation. One run
 * gives a zero-width interval (nothing to estimate the spread from), none gives NaN.
 * StrictMath, not Math: the JIT may swap Math's exp/log/pow for CPU-specific intrinsics whose last bits differ.
 */
public record MeanInterval(double mean, double lower, double upper, int n) {

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
        double half = StudentT.quantile(0.5 + confidence / 2, n - 1) * standardError;
        return new MeanInterval(mean, mean - half, mean + half, n);
    }

    /** Student's t distribution: the CDF through the regularized incomplete beta function, the quantile by bisection. */
    public static final class StudentT {
        private StudentT() {}

        public static double cdf(double t, int degreesOfFreedom) {
            double df = degreesOfFreedom;
            double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
            return t >= 0 ? 1 - tail : tail;
        }

        /** The t with cdf(t) = p, for 0 < p < 1. */
        public static double quantile(double p, int degreesOfFreedom) {
            if (!(p > 0 && p < 1) || degreesOfFreedom < 1) {
                throw new IllegalArgumentException("quantile needs 0 < p < 1 and df >= 1, got p=" + p + ", df=" + degreesOfFreedom);
            }
            double low = -1;
            double high = 1;
            while (cdf(low, degreesOfFreedom) > p) {
                low *= 2;
            }
            while (cdf(high, degreesOfFreedom) < p) {
                high *= 2;
            }
            for (int i = 0; i < 200 && high - low > 1e-13 * Math.max(1, Math.abs(high)); i++) {
                double mid = (low + high) / 2;
                if (cdf(mid, degreesOfFreedom) < p) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            return (low + high) / 2;
        }

        /** I_x(a, b), by the continued fraction (modified Lentz), on the side where it converges fast. */
        static double regularizedBeta(double x, double a, double b) {
            if (x <= 0) {
                return 0;
            }
            if (x >= 1) {
                return 1;
            }
            double front = StrictMath.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * StrictMath.log(x) + b * StrictMath.log(1 - x));
            if (x < (a + 1) / (a + b + 2)) {
                return front * continuedFraction(x, a, b) / a;
            }
            return 1 - front * continuedFraction(1 - x, b, a) / b;
        }

        private static double continuedFraction(double x, double a, double b) {
            double tiny = 1e-300;
            double c = 1;
            double d = 1 - (a + b) * x / (a + 1);
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            double h = d;
            for (int m = 1; m <= 300; m++) {
                int m2 = 2 * m;
                double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
                d = 1 / nonZero(1 + even * d, tiny);
                c = nonZero(1 + even / c, tiny);
                h *= d * c;
                double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
                d = 1 / nonZero(1 + odd * d, tiny);
                c = nonZero(1 + odd / c, tiny);
                double step = d * c;
                h *= step;
                if (Math.abs(step - 1) < 1e-15) {
                    break;
                }
            }
            return h;
        }

        private static double nonZero(double v, double tiny) {
            return Math.abs(v) < tiny ? tiny : v;
        }

        /** ln Gamma(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
        static double logGamma(double x) {
            double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
                12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
            if (x < 0.5) {
                return StrictMath.log(Math.PI / Math.abs(StrictMath.sin(Math.PI * x))) - logGamma(1 - x);
            }
            double z = x - 1;
            double sum = c[0];
            for (int i = 1; i < c.length; i++) {
                sum += c[i] / (z + i);
            }
            double t = z + 7.5;
            return 0.5 * StrictMath.log(2 * Math.PI) + (z + 0.5) * StrictMath.log(t) - t + StrictMath.log(sum);
        }
    }
}
