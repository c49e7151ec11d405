package io.chainfl.agents.adversary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.aggregation.ClientUpdate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fang's attacks on small vectors worked out by hand. */
class FangTest {
    // three benign updates over four coordinates, one per case of the directed deviation:
    //   c0: 1, 3, 2     sum  6 > 0, go below w_min =  1 > 0: [1/b, 1]
    //   c1: -2, -1, -4  sum -7 < 0, go above w_max = -1 <= 0: [-1, -1/b]
    //   c2: 0.5, -1.5, 0.5  sum -0.5 < 0, go above w_max = 0.5 > 0: [0.5, 0.5 b]
    //   c3: -1, 2, 3    sum  4 > 0, go below w_min = -1 <= 0: [-b, -1]
    private static final float[][] BENIGN = {{1, -2, 0.5f, -1}, {3, -1, -1.5f, 2}, {2, -4, 0.5f, 3}};

    @Test
    void theDirectionIsTheSignOfTheBenignSum() {
        assertArrayEquals(new double[] {1, -1, -1, 1}, FangAttack.benignDirection(BENIGN));
    }

    @Test
    void withBOneEveryColluderSitsOnTheEdgeOfTheBenignRange() {
        float[][] uploads = FangAttack.directedDeviation(BENIGN, FangAttack.benignDirection(BENIGN), 2, 1.0, new SplittableRandom(1));
        assertArrayEquals(new float[] {1, -1, 0.5f, -1}, uploads[0], 0f);
        assertArrayEquals(new float[] {1, -1, 0.5f, -1}, uploads[1], 0f);
    }

    @Test
    void withBTwoEachColluderDrawsItsOwnFactorInOneToTwo() {
        float[][] uploads = FangAttack.directedDeviation(BENIGN, FangAttack.benignDirection(BENIGN), 2, 2.0, new SplittableRandom(5));
        // the same draws by hand: colluder 0's four factors, then colluder 1's
        SplittableRandom draws = new SplittableRandom(5);
        for (float[] upload : uploads) {
            double r0 = 1 + draws.nextDouble();
            double r1 = 1 + draws.nextDouble();
            double r2 = 1 + draws.nextDouble();
            double r3 = 1 + draws.nextDouble();
            assertArrayEquals(new float[] {(float) (1 / r0), (float) (-1 / r1), (float) (0.5 * r2), (float) (-1 * r3)}, upload, 0f);
            assertTrue(upload[0] >= 0.5f && upload[0] <= 1f && upload[1] >= -1f && upload[1] <= -0.5f, "inside [1/2, 1] and [-1, -1/2]");
            assertTrue(upload[2] >= 0.5f && upload[2] <= 1f && upload[3] >= -2f && upload[3] <= -1f, "inside [0.5, 1] and [-2, -1]");
        }
        assertFalse(uploads[0][0] == uploads[1][0], "two colluders, two different uploads");
    }

    // five benign 2-D updates: A (2,0), B (0,2), C (-2,0), D (0,-2), E (1,1); sum (1,1), so s = (1,1); c = 2, m = 7
    private static final float[][] SPREAD = {{2, 0}, {0, 2}, {-2, 0}, {0, -2}, {1, 1}};

    @Test
    void krumsUpperBoundIsThePapers() {
        // Krum's m - c - 2 = 3 nearest benign neighbours: A: AE sqrt2 + AB sqrt8 + AD sqrt8 = 5 sqrt2; B the same;
        // C, D: 2 sqrt8 + sqrt10; E: EA + EB + EC = 2 sqrt2 + sqrt10 (the smallest).
        // lambda = (2 sqrt2 + sqrt10) / ((m - 2c - 1) sqrt d) + max |b_i| / sqrt d = (2 sqrt2 + sqrt10) / (2 sqrt2) + 2 / sqrt2
        //        = 1 + sqrt5 / 2 + sqrt2 = 3.532248
        assertEquals(1 + Math.sqrt(5) / 2 + Math.sqrt(2), FangAttack.lambdaUpperBound(SPREAD, 2), 1e-12);
    }

    @Test
    void krumsLambdaIsHalvedUntilKrumPicksTheCopies() {
        // lambda 3.53: the copy at (-3.53,-3.53) scores 0 + |m - C|^2 + |m - D|^2 = 29.7, E scores |EA|^2 + |EB|^2 + |EC|^2 = 2 + 2 + 10 = 14: rejected.
        // lambda 1.77: m = (-1.77,-1.77); |m - C|^2 = |m - D|^2 = 0.234^2 + 1.766^2 = 3.17, so the copy scores 6.35, while the
        // benign scores are A, B 2 + 8 + 8 = 18, C, D 3.17 + 3.17 + 8 = 14.3, E 2 + 2 + 10 = 14: Krum picks the copy.
        float[][] own = {{5, 5}, {6, 6}};
        float[][] uploads = FangAttack.krum(SPREAD, FangAttack.benignDirection(SPREAD), own);
        float expected = (float) -((1 + Math.sqrt(5) / 2 + Math.sqrt(2)) / 2);
        assertArrayEquals(new float[] {expected, expected}, uploads[0], 1e-6f);
        assertSame(uploads[0], uploads[1], "every colluder uploads the same vector (the coalition copies it per participant)");
    }

    @Test
    void krumGivesUpBelowTheThresholdAndTheColludersUploadTheirOwn() {
        // 1-D, benign 1, 2, 3, 4, c = 1: s = +1 and every crafted -lambda scores (1 + lambda)^2 + (2 + lambda)^2 >= 5 against
        // the benign 2's |2 - 1|^2 + |2 - 3|^2 = 2, so no lambda down to 1e-5 is picked
        float[][] own = {{7}};
        assertSame(own, FangAttack.krum(new float[][] {{1}, {2}, {3}, {4}}, new double[] {1}, own));
        // Krum with f = c needs m >= 2c + 3: with 2 colluders and 4 benign it cannot run, and nor can the attack
        float[][] two = {{7}, {8}};
        assertSame(two, FangAttack.krum(new float[][] {{1}, {2}, {3}, {4}}, new double[] {1}, two));
    }

    @Test
    void inACoalitionTheDrawsComeFromTheRoundsStream() {
        FangParams fang = new FangParams(null, List.of(3, 4), 1, FangParams.Target.TRIMMED_MEAN, 2.0);
        List<ClientUpdate> updates = List.of(new ClientUpdate(0, BENIGN[0], 1), new ClientUpdate(1, BENIGN[1], 1), new ClientUpdate(2, BENIGN[2], 1),
                new ClientUpdate(3, new float[4], 1), new ClientUpdate(4, new float[4], 1));
        List<ClientUpdate> first = new Coalition(Map.of(3, fang, 4, fang), new SeedStreams(9)).apply(updates, 2);
        List<ClientUpdate> again = new Coalition(Map.of(3, fang, 4, fang), new SeedStreams(9)).apply(updates, 2);
        float[][] expected = FangAttack.directedDeviation(BENIGN, FangAttack.benignDirection(BENIGN), 2, 2.0,
                new SeedStreams(9).stream("adversary", "fang", 3, "round", 2));
        assertArrayEquals(expected[0], first.get(3).delta(), 0f);
        assertArrayEquals(expected[1], first.get(4).delta(), 0f);
        assertArrayEquals(first.get(4).delta(), again.get(4).delta(), 0f);
        assertSame(updates.get(1), first.get(1), "benign updates pass untouched");
        List<ClientUpdate> nextRound = new Coalition(Map.of(3, fang, 4, fang), new SeedStreams(9)).apply(updates, 3);
        assertFalse(nextRound.get(3).delta()[0] == first.get(3).delta()[0], "another round, other draws");
    }
}
