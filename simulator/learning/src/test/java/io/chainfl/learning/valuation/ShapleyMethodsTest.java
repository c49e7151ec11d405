package io.chainfl.learning.valuation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShapleyMethodsTest {
    /**
     * A 3-player game with every coalition worth something different:
     * U() = 0, U(0) = 1, U(1) = 2, U(2) = 3, U(01) = 4, U(02) = 6, U(12) = 5, U(012) = 9.
     * A coalition of size s that excludes i weighs s!(2-s)!/3!: 1/3 for s = 0, 1/6 for s = 1, 1/3 for s = 2.
     * phi_0 = 1/3 (1-0) + 1/6 (4-2) + 1/6 (6-3) + 1/3 (9-5) = 1/3 + 1/3 + 1/2 + 4/3 = 2.5
     * phi_1 = 1/3 (2-0) + 1/6 (4-1) + 1/6 (5-3) + 1/3 (9-6) = 2/3 + 1/2 + 1/3 + 1   = 2.5
     * phi_2 = 1/3 (3-0) + 1/6 (6-1) + 1/6 (5-2) + 1/3 (9-4) = 1 + 5/6 + 1/2 + 5/3   = 4
     * Efficiency: 2.5 + 2.5 + 4 = 9 = U(012) - U().
     * Leave-one-out: 9 - U(12) = 4, 9 - U(02) = 3, 9 - U(01) = 5.
     */
    private static final double[] WORTH = {0, 1, 2, 4, 3, 6, 5, 9}; // indexed by bit set: 0b011 = {0, 1} -> 4
    private static final Utility GAME = s -> WORTH[(int) s];

    @Test
    void exactShapleyOfTheHandComputedGame() {
        Valuation v = ShapleyMethods.exact(3, GAME);
        assertArrayEquals(new double[]{2.5, 2.5, 4.0}, v.values(), 1e-12);
        assertEquals(8, v.evaluations());
    }

    @Test
    void leaveOneOutOfTheHandComputedGame() {
        Valuation v = ShapleyMethods.leaveOneOut(3, GAME);
        assertArrayEquals(new double[]{4, 3, 5}, v.values(), 1e-12);
        assertEquals(4, v.evaluations());
    }

    /** A player that adds nothing to any coalition gets 0; two interchangeable players get the same value. */
    @Test
    void nullPlayerAndSymmetry() {
        // players 0 and 1 are symmetric (each adds 10 alone, 30 together), player 2 is null
        Utility u = s -> {
            int members = Long.bitCount(s & 0b011);
            return members == 0 ? 0 : members == 1 ? 10 : 30;
        };
        Valuation exact = ShapleyMethods.exact(3, u);
        assertEquals(0.0, exact.value(2), 1e-12);
        assertEquals(exact.value(0), exact.value(1), 1e-12);
        assertEquals(15.0, exact.value(0), 1e-12);
        Valuation mc = ShapleyMethods.monteCarlo(3, u, 50, 0, new SplittableRandom(1));
        assertEquals(0.0, mc.value(2), 1e-12);
        Valuation gtg = ShapleyMethods.gtg(3, u, 6, 0, 0, new SplittableRandom(1));
        assertEquals(0.0, gtg.value(2), 1e-12);
        // with the leader rotating, 6 orders put each symmetric player first twice
        assertEquals(gtg.value(0) + gtg.value(1), 30.0, 1e-12);
    }

    /** Efficiency holds for every order-based estimate too: each permutation's marginals add up to U(N) - U(). */
    @Test
    void efficiencyOfEveryMethodExceptLeaveOneOut() {
        Utility random = randomGame(6, 7);
        double total = random.of(ShapleyMethods.fullSet(6)) - random.of(0);
        assertEquals(total, sum(ShapleyMethods.exact(6, random).values()), 1e-9);
        assertEquals(total, sum(ShapleyMethods.monteCarlo(6, random, 17, 0, new SplittableRandom(3)).values()), 1e-9);
        assertEquals(total, sum(ShapleyMethods.gtg(6, random, 17, 0, 0, new SplittableRandom(3)).values()), 1e-9);
    }

    @Test
    void samplingConvergesToTheExactValues() {
        Utility game = randomGame(5, 11);
        double[] exact = ShapleyMethods.exact(5, game).values();
        double[] mc = ShapleyMethods.monteCarlo(5, game, 20_000, 0, new SplittableRandom(5)).values();
        double[] gtg = ShapleyMethods.gtg(5, game, 20_000, 0, 0, new SplittableRandom(5)).values();
        assertArrayEquals(exact, mc, 0.02);
        assertArrayEquals(exact, gtg, 0.02);
        assertEquals(1.0, RankAgreement.spearman(exact, gtg), 1e-12);
    }

    /** Same seed, same values to the bit; another seed, other samples. */
    @Test
    void samplingIsSeeded() {
        Utility game = randomGame(5, 11);
        assertArrayEquals(ShapleyMethods.monteCarlo(5, game, 7, 0, new SplittableRandom(9)).values(),
                ShapleyMethods.monteCarlo(5, game, 7, 0, new SplittableRandom(9)).values(), 0);
        assertTrue(!java.util.Arrays.equals(ShapleyMethods.monteCarlo(5, game, 7, 0, new SplittableRandom(9)).values(),
                ShapleyMethods.monteCarlo(5, game, 7, 0, new SplittableRandom(10)).values()));
    }

    /**
     * Truncation saves evaluations: in a game where player 0 alone reaches U(N), every order that starts with it
     * stops there. Between-round truncation values a round that gained nothing at 0 after 2 evaluations.
     */
    @Test
    void truncationSkipsEvaluations() {
        Utility saturating = s -> (s & 1) != 0 ? 1.0 : 0.1 * Long.bitCount(s);
        Valuation full = ShapleyMethods.gtg(6, saturating, 6, 0, 0, new SplittableRandom(2));
        Valuation truncated = ShapleyMethods.gtg(6, saturating, 6, 0.05, 0, new SplittableRandom(2));
        assertTrue(truncated.evaluations() < full.evaluations(), truncated.evaluations() + " vs " + full.evaluations());
        Utility flat = s -> 0.5;
        Valuation skipped = ShapleyMethods.gtg(6, flat, 30, 0, 0.01, new SplittableRandom(2));
        assertArrayEquals(new double[6], skipped.values(), 0);
        assertEquals(2, skipped.evaluations());
    }

    @Test
    void refusesWhatItCannotCompute() {
        assertThrows(IllegalArgumentException.class, () -> ShapleyMethods.exact(21, GAME));
        assertThrows(IllegalArgumentException.class, () -> ShapleyMethods.monteCarlo(3, GAME, 0, 0, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> ShapleyMethods.leaveOneOut(0, GAME));
    }

    @Test
    void spearmanOfRanks() {
        assertEquals(1.0, RankAgreement.spearman(new double[]{1, 2, 3}, new double[]{10, 20, 30}), 1e-12);
        assertEquals(-1.0, RankAgreement.spearman(new double[]{1, 2, 3}, new double[]{3, 2, 1}), 1e-12);
        // ranks (1, 2, 3) against (1, 3, 2): rho = 1 - 6 * (0 + 1 + 1) / (3 * 8) = 0.5
        assertEquals(0.5, RankAgreement.spearman(new double[]{1, 2, 3}, new double[]{1, 3, 2}), 1e-12);
        assertTrue(Double.isNaN(RankAgreement.spearman(new double[]{1, 1, 1}, new double[]{1, 2, 3})));
    }

    private static Utility randomGame(int n, long seed) {
        double[] worth = new double[1 << n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int s = 1; s < worth.length; s++) {
            worth[s] = Long.bitCount(s) + r.nextDouble();
        }
        return s -> worth[(int) s];
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
