package io.chainfl.learning.valuation;

import org.hipparchus.stat.correlation.SpearmansCorrelation;

/** How well two valuations agree on the order of the players: Spearman's rank correlation (Hipparchus; ties get their mean rank). */
public final class RankAgreement {
    private RankAgreement() {}

    /** Spearman's rho of two equally long value vectors; NaN when either is constant (no order to compare). */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " values against " + b.length);
        }
        if (a.length < 2 || constant(a) || constant(b)) {
            return Double.NaN;
        }
        return new SpearmansCorrelation().correlation(a, b);
    }

    private static boolean constant(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }
}
