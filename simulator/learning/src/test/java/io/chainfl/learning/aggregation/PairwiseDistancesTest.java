package io.chainfl.learning.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PairwiseDistancesTest {
    /*
     * a = (1, 2, 3), b = (4, 6, 3), c = (1, 2, -1)
     * |a-b|^2 = 9 + 16 + 0 = 25, |a-c|^2 = 0 + 0 + 16 = 16, |b-c|^2 = 9 + 16 + 16 = 41
     */
    private final float[][] three = {{1, 2, 3}, {4, 6, 3}, {1, 2, -1}};

    @Test
    void squaredDistancesOfThreeSmallVectors() {
        double[][] d = PairwiseDistances.squared(three);
        assertArrayEquals(new double[] {0, 25, 16}, d[0]);
        assertArrayEquals(new double[] {25, 0, 41}, d[1]);
        assertArrayEquals(new double[] {16, 41, 0}, d[2]);
    }

    @Test
    void krumScoresSumTheNearestOthers() {
        double[][] d = PairwiseDistances.squared(three);
        // one neighbour each: a -> 16 (c), b -> 25 (a), c -> 16 (a); two: 41, 66, 57
        assertArrayEquals(new double[] {16, 25, 16}, PairwiseDistances.krumScores(d, new int[] {0, 1, 2}, 1));
        assertArrayEquals(new double[] {41, 66, 57}, PairwiseDistances.krumScores(d, new int[] {0, 1, 2}, 2));
        // members b and c only: each other's distance
        assertArrayEquals(new double[] {41, 41}, PairwiseDistances.krumScores(d, new int[] {1, 2}, 1));
        assertEquals(0, PairwiseDistances.argMinScore(new double[] {16, 25, 16}), "a tie goes to the lower index");
    }

    @Test
    void nearlyEqualLargeUpdatesKeepTheirExactSmallDistance() {
        // one float ulp apart at 2^20 (0.125): the direct sum gives exactly 0.125^2 per coordinate; the Gram form
        // ||a||^2 + ||b||^2 - 2 a.b would subtract numbers near 2^41 in a CPU-dependent order
        float big = 1 << 20;
        float next = Math.nextUp(big);
        double[][] d = PairwiseDistances.squared(new float[][] {{big, big}, {next, big}, {big, next}});
        assertEquals(0.015625, d[0][1]);
        assertEquals(0.03125, d[1][2]);
    }

    @Test
    void aNaNOrInfiniteUpdateIsInfinitelyFarFromEveryone() {
        double[][] d = PairwiseDistances.squared(new float[][] {{0, 0}, {Float.NaN, 0}, {Float.POSITIVE_INFINITY, 0}, {1, 0}});
        assertEquals(Double.POSITIVE_INFINITY, d[0][1]);
        assertEquals(Double.POSITIVE_INFINITY, d[2][3]);
        assertEquals(Double.POSITIVE_INFINITY, d[1][2], "inf - inf is NaN, counted as infinitely far");
        assertEquals(1, d[0][3]);
        assertEquals(0, d[1][1]);
    }
}
