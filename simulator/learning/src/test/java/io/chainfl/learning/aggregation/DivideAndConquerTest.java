package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.shuffled;
import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.seed.SeedStreams;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DivideAndConquerTest {
    private static DivideAndConquer dnc(int f, int iterations, int b, double c) {
        DivideAndConquer dnc = new DivideAndConquer(new DivideAndConquer.Params(f, iterations, b, c), new SeedStreams(42));
        dnc.beginRound(1, null);
        return dnc;
    }

    @Test
    void dropsTheLargestProjectionIn1D() {
        // 0, 1, 2, 10: mean 3.25, centred -3.25, -2.25, -1.25, 6.75; the singular vector of a column is +-1,
        // so the scores are the squares 10.56, 5.06, 1.56, 45.56: f = 1 drops 10, the mean of 0, 1, 2 is 1
        assertArrayEquals(v(1), dnc(1, 1, 10_000, 1.0).aggregate(updates(v(0), v(1), v(2), v(10))), 1e-6f);
    }

    @Test
    void projectsOnTheDirectionOfLargestSpread() {
        // (1,0), (-1,0), (0,0.1), (0,-0.1), (0,0): mean 0; the top right singular vector is the x axis (spread 2 against
        // 0.02), scores 1, 1, 0, 0, 0. f = 2 drops both x points: the mean of the rest is (0,0).
        List<ClientUpdate> cross = updates(v(1, 0), v(-1, 0), v(0, 0.1f), v(0, -0.1f), v(0, 0));
        assertArrayEquals(v(0, 0), dnc(2, 1, 10_000, 1.0).aggregate(cross), 1e-7f);
        // f = 1: the tie between participants 0 and 1 drops the higher id, 1; mean of (1,0), (0,.1), (0,-.1), (0,0)
        assertArrayEquals(v(0.25f, 0), dnc(1, 1, 10_000, 1.0).aggregate(cross), 1e-7f);
        // c = 2: floor(2 * 1) = 2 dropped, as f = 2
        assertArrayEquals(v(0, 0), dnc(1, 1, 10_000, 2.0).aggregate(cross), 1e-7f);
    }

    @Test
    void topSingularVectorByPowerIteration() {
        // rows (3,0), (0,1), (-3,0), (0,-1): C^T C = diag(18, 2), top right singular vector (+-1, 0)
        double[] v = DivideAndConquer.topRightSingularVector(new double[][] {{3, 0}, {0, 1}, {-3, 0}, {0, -1}});
        assertEquals(1.0, Math.abs(v[0]), 1e-12);
        assertEquals(0.0, v[1], 1e-12);
        // rows along (1,1)/sqrt 2 with a little noise across: the vector is (1,1)/sqrt 2 up to sign
        double[] diagonal = DivideAndConquer.topRightSingularVector(new double[][] {{2, 2}, {-2, -2}, {0.1, -0.1}, {-0.1, 0.1}});
        assertEquals(Math.sqrt(0.5), Math.abs(diagonal[0]), 1e-9);
        assertEquals(diagonal[0], diagonal[1], 1e-9);
        assertArrayEquals(new double[2], DivideAndConquer.topRightSingularVector(new double[2][2]), 0, "zero matrix: no direction");
    }

    @Test
    void samplesCoordinatesFromTheRoundsSeedStream() {
        DivideAndConquer d = dnc(1, 1, 5, 1.0);
        int[] sample = d.sample(100, new SeedStreams(42).stream("server", "dnc", "round", 1, "iteration", 0));
        assertEquals(5, sample.length);
        assertEquals(5, Arrays.stream(sample).distinct().count());
        assertTrue(Arrays.stream(sample).allMatch(j -> j >= 0 && j < 100));
        int[] sorted = sample.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, sample, "sorted, so sums run in index order");
        assertArrayEquals(sample, d.sample(100, new SeedStreams(42).stream("server", "dnc", "round", 1, "iteration", 0)));
        assertFalse(Arrays.equals(sample, d.sample(100, new SeedStreams(42).stream("server", "dnc", "round", 2, "iteration", 0))));
        assertArrayEquals(new int[] {0, 1, 2}, d.sample(3, new SeedStreams(42).stream("x")), "b >= d: every coordinate");
    }

    @Test
    void keepsExactlyTheHonestOnesOnSampledCoordinates() {
        // 16 honest updates near a center, 4 at +1000 on every coordinate: any sample of 10 of the 50 coordinates exposes
        // them, so every iteration drops them and the result is the honest mean, bit for bit
        float[] center = new float[50];
        Arrays.fill(center, 0.3f);
        List<ClientUpdate> updates = Fixtures.withByzantine(center, 16, 4);
        float[][] honest = updates.subList(0, 16).stream().map(ClientUpdate::delta).toArray(float[][]::new);
        DivideAndConquer d = dnc(4, 3, 10, 1.0);
        assertArrayEquals(Updates.mean(honest), d.aggregate(updates), 0f);
        assertArrayEquals(d.aggregate(updates), dnc(4, 3, 10, 1.0).aggregate(shuffled(updates, 5)), 0f);
    }

    @Test
    void refusesTooFewUpdatesAndAggregatingBeforeARound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dnc(4, 1, 10, 1.0).aggregate(updates(v(1), v(2), v(3), v(4))));
        assertEquals("dnc drops floor(c f) = 4 updates per iteration (c = 1.0, f = 4) and needs more than that, got 4", e.getMessage());
        DivideAndConquer unstarted = new DivideAndConquer(new DivideAndConquer.Params(1, 1, 10, 1.0), new SeedStreams(1));
        assertThrows(IllegalStateException.class, () -> unstarted.aggregate(updates(v(1), v(2), v(3))));
        assertEquals(5, new DivideAndConquer.Params(4, null, null, null).minimumUpdates().orElseThrow().minimum());
        assertEquals(3, new DivideAndConquer.Params(4, null, null, 0.5).minimumUpdates().orElseThrow().minimum());
    }
}
