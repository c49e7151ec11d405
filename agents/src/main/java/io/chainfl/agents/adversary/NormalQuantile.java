package io.chainfl.agents.adversary;

import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * The standard normal quantile function, Hipparchus's (sqrt(2) erfinv(2p - 1), Giles' approximation). Its special
 * functions use FastMath, pure Java, so ALIE's z has the same bits on every CPU.
 */
final class NormalQuantile {
    private static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private NormalQuantile() {}

    static double of(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile of " + p + " outside (0, 1)");
        }
        return STANDARD.inverseCumulativeProbability(p);
    }
}
