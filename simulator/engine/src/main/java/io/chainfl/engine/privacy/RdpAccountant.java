package io.chainfl.engine.privacy;

import org.hipparchus.special.Erf;
import org.hipparchus.util.CombinatoricsUtils;

/**
 * Rényi differential privacy of the sampled Gaussian mechanism and its conversion to (epsilon, delta).
 *
 * <p>The mechanism adds N(0, sigma^2) noise to a sum of contributions of L2 norm at most 1, each contributor present
 * with probability q (Poisson sampling). Its RDP of order alpha is log(A_alpha) / (alpha - 1) (Mironov, Talwar and
 * Zhang 2019, "Rényi Differential Privacy of the Sampled Gaussian Mechanism", Sections 3.3 and 3.4): for an integer
 * alpha the finite binomial sum, for a fractional alpha the two convergent series split at
 * z0 = sigma^2 log(1/q - 1) + 1/2, summed in log space as TensorFlow Privacy's {@code compute_rdp} does
 * ({@code _compute_log_a_int}, {@code _compute_log_a_frac}). q = 1 is the plain Gaussian, alpha / (2 sigma^2); q = 0
 * releases nothing. RDP composes by addition: T steps of one mechanism cost T times its RDP.
 *
 * <p>Two conversions to (epsilon, delta), each the minimum over the orders given:
 * <ul>
 * <li>{@link Conversion#STANDARD}: epsilon = rdp - log(delta) / (alpha - 1) (Mironov 2017, "Rényi Differential
 * Privacy", Proposition 3); what TensorFlow Privacy's {@code get_privacy_spent} computed until 2020, and so what
 * its published tutorial numbers and Abadi et al. 2016's moments accountant used;</li>
 * <li>{@link Conversion#IMPROVED}: epsilon = rdp + log((alpha - 1) / alpha) - (log(delta) + log(alpha)) / (alpha - 1)
 * (Canonne, Kamath and Steinke 2020, "The Discrete Gaussian for Differential Privacy", Proposition 12; the same bound
 * as Balle et al. 2020, "Hypothesis Testing Interpretations and Renyi Differential Privacy", Theorem 21), with
 * epsilon = 0 where the KL bound already gives delta; what {@code get_privacy_spent} computes since 2020. Never
 * larger than the standard one. The run's {@code dp_epsilon} column uses it.</li>
 * </ul>
 *
 * <p>Every exp and log is {@link StrictMath}'s and Hipparchus's special functions are pure Java ({@code FastMath}), so
 * an epsilon in {@code metrics.csv} has the same bits on every machine.
 */
public final class RdpAccountant {
    /** Orders alpha the run's accountant minimises over: 1.1 to 10.9 in steps of 0.1, 11 to 63, and 128, 256, 512 (TensorFlow Privacy's defaults). */
    public static final double[] DEFAULT_ORDERS = defaultOrders();

    /** A fractional order's series stops once both of its terms fall below e^-30 (as compute_rdp does). */
    private static final double SERIES_CUTOFF = -30;
    /** A bound on the series' length: it converges long before this for every sigma and q the config admits. */
    private static final int MAX_SERIES_TERMS = 1_000_000;

    public enum Conversion { STANDARD, IMPROVED }

    /** The smallest epsilon over the orders and the order that gave it. */
    public record Spent(double epsilon, double order) {}

    private RdpAccountant() {}

    private static double[] defaultOrders() {
        double[] orders = new double[99 + 53 + 3];
        int k = 0;
        for (int x = 1; x < 100; x++) {
            orders[k++] = 1 + x / 10.0;
        }
        for (int a = 11; a < 64; a++) {
            orders[k++] = a;
        }
        orders[k++] = 128;
        orders[k++] = 256;
        orders[k] = 512;
        return orders;
    }

    /** RDP of one step of the sampled Gaussian mechanism at each order. */
    public static double[] sampledGaussian(double q, double noiseMultiplier, double[] orders) {
        double[] rdp = new double[orders.length];
        for (int i = 0; i < orders.length; i++) {
            rdp[i] = sampledGaussian(q, noiseMultiplier, orders[i]);
        }
        return rdp;
    }

    /** RDP of order {@code order} (> 1) of one step with sampling rate {@code q} and noise multiplier {@code sigma}. */
    public static double sampledGaussian(double q, double sigma, double order) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("sampling rate must be in [0, 1], got " + q);
        }
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("noise multiplier must be positive, got " + sigma);
        }
        if (!(order > 1)) {
            throw new IllegalArgumentException("RDP order must be above 1, got " + order);
        }
        if (q == 0) {
            return 0;
        }
        if (q == 1) {
            return order / (2 * sigma * sigma);
        }
        if (Double.isInfinite(order)) {
            return Double.POSITIVE_INFINITY;
        }
        double logA = order == Math.rint(order) && order <= Integer.MAX_VALUE ? logAInteger(q, sigma, (int) order) : logAFractional(q, sigma, order);
        return logA / (order - 1);
    }

    /** RDP of {@code steps} compositions of a mechanism with per-step RDP {@code rdp}. */
    public static double[] composed(double[] rdp, long steps) {
        double[] total = new double[rdp.length];
        for (int i = 0; i < rdp.length; i++) {
            total[i] = rdp[i] * steps;
        }
        return total;
    }

    /** The (epsilon, delta) guarantee of a mechanism with RDP {@code rdp} at {@code orders}: the smallest epsilon over the orders. */
    public static Spent epsilon(double[] orders, double[] rdp, double delta, Conversion conversion) {
        if (orders.length != rdp.length || orders.length == 0) {
            throw new IllegalArgumentException("need one RDP value per order, got " + orders.length + " orders and " + rdp.length + " values");
        }
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        double logDelta = StrictMath.log(delta);
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = Double.NaN;
        for (int i = 0; i < orders.length; i++) {
            double a = orders[i];
            double r = rdp[i];
            if (r < 0) {
                throw new IllegalArgumentException("RDP must be non-negative, got " + r + " at order " + a);
            }
            double eps = conversion == Conversion.STANDARD ? r - logDelta / (a - 1) : improved(a, r, delta, logDelta);
            if (eps < best) {
                best = eps;
                bestOrder = a;
            }
        }
        return new Spent(Math.max(0, best), bestOrder);
    }

    private static double improved(double a, double r, double delta, double logDelta) {
        if (delta * delta + StrictMath.expm1(-r) >= 0) {
            // the KL divergence r already bounds delta by sqrt(1 - exp(-r)): epsilon 0 suffices
            return 0;
        }
        if (a > 1.01) {
            // unstable as alpha -> 1, and of no use there
            return r + StrictMath.log1p(-1 / a) - (logDelta + StrictMath.log(a)) / (a - 1);
        }
        return Double.POSITIVE_INFINITY;
    }

    /** log(A_alpha) for an integer alpha: log of sum_i C(alpha, i) q^i (1-q)^(alpha-i) exp((i^2 - i) / (2 sigma^2)). */
    static double logAInteger(double q, double sigma, int alpha) {
        double logQ = StrictMath.log(q);
        double log1MinusQ = StrictMath.log1p(-q);
        double twoSigmaSquared = 2 * sigma * sigma;
        double logA = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= alpha; i++) {
            double logCoefficient = CombinatoricsUtils.binomialCoefficientLog(alpha, i) + i * logQ + (alpha - i) * log1MinusQ;
            logA = logAdd(logA, logCoefficient + ((double) i * i - i) / twoSigmaSquared);
        }
        return logA;
    }

    /**
     * log(A_alpha) for a fractional alpha: the integrals over (-inf, z0] and [z0, inf) as two series in the generalised
     * binomial coefficients C(alpha, i), whose signs alternate once i exceeds alpha.
     */
    static double logAFractional(double q, double sigma, double alpha) {
        double logQ = StrictMath.log(q);
        double log1MinusQ = StrictMath.log1p(-q);
        double sigmaSquared = sigma * sigma;
        double z0 = sigmaSquared * StrictMath.log(1 / q - 1) + 0.5;
        double sqrt2Sigma = StrictMath.sqrt(2) * sigma;
        double logHalf = StrictMath.log(0.5);
        double logA0 = Double.NEGATIVE_INFINITY;
        double logA1 = Double.NEGATIVE_INFINITY;
        double coefficient = 1; // C(alpha, 0)
        for (int i = 0; i < MAX_SERIES_TERMS; i++) {
            double logCoefficient = StrictMath.log(Math.abs(coefficient));
            double j = alpha - i;
            double logT0 = logCoefficient + i * logQ + j * log1MinusQ;
            double logT1 = logCoefficient + j * logQ + i * log1MinusQ;
            double logE0 = logHalf + logErfc((i - z0) / sqrt2Sigma);
            double logE1 = logHalf + logErfc((z0 - j) / sqrt2Sigma);
            double logS0 = logT0 + ((double) i * i - i) / (2 * sigmaSquared) + logE0;
            double logS1 = logT1 + (j * j - j) / (2 * sigmaSquared) + logE1;
            if (coefficient > 0) {
                logA0 = logAdd(logA0, logS0);
                logA1 = logAdd(logA1, logS1);
            } else {
                logA0 = logSub(logA0, logS0);
                logA1 = logSub(logA1, logS1);
            }
            if (Math.max(logS0, logS1) < SERIES_CUTOFF) {
                return logAdd(logA0, logA1);
            }
            coefficient = coefficient * (alpha - i) / (i + 1);
        }
        throw new IllegalStateException("the RDP series of order " + alpha + " (q " + q + ", sigma " + sigma + ") did not converge");
    }

    /** log(e^x + e^y). */
    static double logAdd(double x, double y) {
        double a = Math.min(x, y);
        double b = Math.max(x, y);
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        return StrictMath.log1p(StrictMath.exp(a - b)) + b;
    }

    /** log(e^x - e^y) for x >= y. */
    static double logSub(double x, double y) {
        if (x < y) {
            throw new IllegalStateException("log of a negative number: e^" + x + " - e^" + y);
        }
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        if (x == y) {
            return Double.NEGATIVE_INFINITY;
        }
        double expm1 = StrictMath.expm1(x - y);
        return Double.isInfinite(expm1) ? x : StrictMath.log(expm1) + y;
    }

    /**
     * log(erfc(x)); where erfc underflows (x above about 26), the Laurent series of log(erfc(x)) at infinity that
     * compute_rdp falls back to: -log(pi)/2 - log(x) - x^2 - 1/(2x^2) + 5/(8x^4) - 37/(24x^6) + 353/(64x^8).
     */
    static double logErfc(double x) {
        double r = Erf.erfc(x);
        if (r > 1e-300) {
            return StrictMath.log(r);
        }
        double x2 = x * x;
        return -StrictMath.log(StrictMath.PI) / 2 - StrictMath.log(x) - x2 - 0.5 / x2 + 0.625 / (x2 * x2) - 37.0 / 24.0 / (x2 * x2 * x2)
                + 353.0 / 64.0 / (x2 * x2 * x2 * x2);
    }
}
