package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.shuffled;
import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.seed.SeedStreams;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlameTest {
    private static Flame flame(double lambda, int round, float[] global) {
        Flame flame = new Flame(lambda, new SeedStreams(42));
        flame.beginRound(round, global);
        return flame;
    }

    @Test
    void majorityClusterIsTheFirstSingleLinkageComponentOfAMajority() {
        // points at 0, 0.1, 0.2, 5, 9 on a line (distances given): min cluster size 3; merges (0,1) at 0.1, (1,2) at 0.1
        // -> {0,1,2} reaches 3 at distance 0.1; 5 and 9 fall out earlier (farther): noise
        double[][] d = {
                {0, 0.1, 0.2, 5, 9},
                {0.1, 0, 0.1, 4.9, 8.9},
                {0.2, 0.1, 0, 4.8, 8.8},
                {5, 4.9, 4.8, 0, 4},
                {9, 8.9, 8.8, 4, 0}};
        assertArrayEquals(new int[] {0, 1, 2}, Flame.majorityCluster(d));
        // a chain 0-1-2-3 with equal links of 1 (others 2): {0,1,2} reaches 3 at distance 1, and 3 joins at that same
        // distance, so HDBSCAN gives it the same lambda: it is a member
        double[][] chain = {{0, 1, 2, 2}, {1, 0, 1, 2}, {2, 1, 0, 1}, {2, 2, 1, 0}};
        assertArrayEquals(new int[] {0, 1, 2, 3}, Flame.majorityCluster(chain));
        assertArrayEquals(new int[] {0}, Flame.majorityCluster(new double[][] {{0}}));
        assertArrayEquals(new int[] {0, 1}, Flame.majorityCluster(new double[][] {{0, 1}, {1, 0}}), "n = 2: both or nothing");
    }

    @Test
    void filtersClipsToTheMedianNormAndAverages() {
        // global 0, so the models are the updates. (1,0), (2,0), (1,0.1) point the same way, (0,5) does not:
        // cosine distances d01 = 0, d02 = d12 = 1 - 1/sqrt(1.01) = 0.005, d03 = d13 = 1, d23 = 0.9: cluster {0,1,2}.
        // norms 1, 2, 1.004988, 5 -> S = (1.004988 + 2) / 2 = 1.502494. (2,0) is clipped to (S, 0); the others are shorter.
        // mean: ((1 + S + 1) / 3, 0.1 / 3)
        Flame flame = flame(0, 1, new float[2]);
        double s = (Math.sqrt(1.01) + 2) / 2;
        assertArrayEquals(v((float) ((2 + s) / 3), 0.1f / 3), flame.aggregate(updates(v(1, 0), v(2, 0), v(1, 0.1f), v(0, 5))), 1e-6f);
        assertArrayEquals(new int[] {0, 1, 2}, flame.lastAdmitted());
    }

    @Test
    void measuresCosineDistancesBetweenTheLocalModelsNotTheUpdates() {
        // updates (1,0) and (-1,0) are opposite (distance 2), but from global (10,10) the models (11,10) and (9,10) almost
        // agree: cos = 199 / sqrt(221 * 181) = 199 / 200.0025, distance 0.005013
        double[][] d = Flame.cosineDistancesOfModels(v(10, 10), new float[][] {v(1, 0), v(-1, 0)});
        assertEquals(1 - 199 / Math.sqrt(221.0 * 181.0), d[0][1], 1e-12);
        assertEquals(d[0][1], d[1][0], 0);
        assertEquals(2, Flame.cosineDistancesOfModels(new float[2], new float[][] {v(1, 0), v(-1, 0)})[0][1], 1e-12);
        assertEquals(1, Flame.cosineDistancesOfModels(new float[2], new float[][] {v(0, 0), v(-1, 0)})[0][1], 0, "a zero model: distance 1");
    }

    @Test
    void addsSeededNoiseOfLambdaTimesTheMedianNorm() {
        // 1,000 coordinates, every update the same vector of norm 2: S = 2, sigma = 0.1 * 2 = 0.2 around the common update
        float[] same = new float[1000];
        Arrays.fill(same, (float) (2 / Math.sqrt(1000)));
        List<ClientUpdate> updates = updates(same, same.clone(), same.clone());
        float[] noisy = flame(0.1, 3, new float[1000]).aggregate(updates);
        double sum = 0;
        double squares = 0;
        for (int j = 0; j < noisy.length; j++) {
            double e = noisy[j] - same[j];
            sum += e;
            squares += e * e;
        }
        double std = Math.sqrt(squares / noisy.length - Math.pow(sum / noisy.length, 2));
        assertEquals(0.2, std, 0.02);
        assertArrayEquals(noisy, flame(0.1, 3, new float[1000]).aggregate(shuffled(updates, 1)), 0f, "same seed and round: same bytes");
        assertFalse(Arrays.equals(noisy, flame(0.1, 4, new float[1000]).aggregate(updates)), "another round draws other noise");
    }

    @Test
    void refusesBadUse() {
        assertThrows(IllegalArgumentException.class, () -> new Flame(-1, new SeedStreams(1)));
        Flame unstarted = new Flame(0.001, new SeedStreams(1));
        assertThrows(IllegalStateException.class, () -> unstarted.aggregate(updates(v(1), v(2))));
        assertThrows(IllegalArgumentException.class, () -> flame(0, 1, v(1, 2, 3)).aggregate(updates(v(1), v(2))));
    }
}
