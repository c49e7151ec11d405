package io.chainfl.agents.adversary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** min_sum against 2-D points worked out by hand, next to min_max on the same points. */
class MinSumTest {
    // benign A = (0,0), B = (2,0), C = (1,3): mean (1,1); squared distances |AB|^2 = 4, |AC|^2 = 10, |BC|^2 = 10
    private static final float[][] BENIGN = {{0, 0}, {2, 0}, {1, 3}};
    private static final float[][] OWN = {{9, 9}};

    @Test
    void theBoundIsTheLargestBenignSumOfSquaredDistances() {
        // sums: A 4 + 10 = 14, B 4 + 10 = 14, C 10 + 10 = 20
        assertEquals(20.0, PerturbedMean.maxSumOfSquaredDistances(BENIGN), 1e-12);
        // the point (1,1): |(1,1)|^2 + |(-1,1)|^2 + |(0,-2)|^2 = 2 + 2 + 4
        assertEquals(8.0, PerturbedMean.sumOfSquaredDistancesTo(BENIGN, new double[] {1, 1}), 1e-12);
    }

    @Test
    void gammaIsTheLargestWhoseSumStaysWithinTheBound() {
        // sign direction p = -sign(mean) = (-1,-1); m = (1 - g, 1 - g):
        // |m - A|^2 + |m - B|^2 + |m - C|^2 = 2(1-g)^2 + [(1+g)^2 + (1-g)^2] + [g^2 + (2+g)^2] = 8 + 6 g^2 <= 20, so g = sqrt(2)
        float[] m = new MinSumParams(null, List.of(0), 1, MinMaxParams.Direction.SIGN, 10.0, 60).craft(BENIGN, OWN);
        float expected = (float) (1 - Math.sqrt(2));
        assertArrayEquals(new float[] {expected, expected}, m, 1e-6f);
    }

    @Test
    void minMaxOnTheSamePointsStopsEarlier() {
        // min_max: the diameter is sqrt(10); |m - C|^2 = g^2 + (2+g)^2 <= 10 gives g^2 + 2g - 3 <= 0, so g = 1 and m = (0,0)
        float[] m = new MinMaxParams(null, List.of(0), 1, MinMaxParams.Direction.SIGN, 10.0, 60).craft(BENIGN, OWN);
        assertArrayEquals(new float[] {0f, 0f}, m, 1e-6f);
    }

    @Test
    void gammaMaxIsTakenWhenItPasses() {
        // with gamma_max 1 the whole interval passes (8 + 6 <= 20): m = (0,0)
        float[] m = new MinSumParams(null, List.of(0), 1, MinMaxParams.Direction.SIGN, 1.0, 60).craft(BENIGN, OWN);
        assertArrayEquals(new float[] {0f, 0f}, m, 0f);
    }

    @Test
    void defaultsAreMinMaxs() {
        MinSumParams p = new MinSumParams(0.2, null, null, null, null, null);
        assertEquals(MinMaxParams.Direction.UNIT_MEAN, p.direction());
        assertEquals(50.0, p.gammaMax());
        assertEquals(30, p.steps());
    }
}
