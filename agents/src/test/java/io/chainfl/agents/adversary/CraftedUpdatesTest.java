package io.chainfl.agents.adversary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The crafted uploads against tiny examples computed by hand. */
class CraftedUpdatesTest {
    private static final float EPS = 1e-5f;

    private static float[][] rows(float[][] values) {
        return values;
    }

    @Test
    void signFlipReversesAndScales() {
        assertArrayEquals(new float[] {-2f, 4f, 0f}, new SignFlipParams(null, List.of(0), 1, 2.0).craft(new float[] {1f, -2f, 0f}, null), EPS);
    }

    @Test
    void scalingBoosts() {
        assertArrayEquals(new float[] {10f, -20f}, new ScalingParams(null, List.of(0), 1, 10.0).craft(new float[] {1f, -2f}, null), EPS);
    }

    @Test
    void gaussianHasTheConfiguredSpreadAndIgnoresTheDelta() {
        float[] noise = new GaussianParams(null, List.of(0), 1, 3.0).craft(new float[4000], new SplittableRandom(7));
        double var = 0;
        for (float v : noise) {
            var += v * v;
        }
        assertEquals(9.0, var / noise.length, 0.6);
    }

    @Test
    void updateAttackStartsAtItsRound() {
        Conduct c = AdversaryPlanTest.conductOf(new SignFlipParams(null, List.of(0), 3, 1.0));
        float[] delta = {1f};
        assertSame(delta, c.upload(delta, 2, null));
        assertArrayEquals(new float[] {-1f}, c.upload(delta, 3, null), EPS);
    }

    @Test
    void alieIsMeanMinusZTimesSampleStd() {
        // benign rows (1,2), (3,2), (5,2): mean (3,2), sample std (2,0)
        float[][] benign = rows(new float[][] {{1, 2}, {3, 2}, {5, 2}});
        float[][] own = rows(new float[][] {{9, 9}});
        assertArrayEquals(new float[] {2f, 2f}, new AlieParams(null, List.of(0), 1, 0.5).craft(benign, own), EPS);
    }

    @Test
    void alieDefaultZFollowsThePaper() {
        // n = 5, f = 1: s = floor(5/2 + 1) - 1 = 2, z = Phi^-1(3/5) = 0.253347
        assertEquals(0.253347, AlieParams.zMax(5, 1), 1e-5);
        // n = 50, f = 12 (the paper's example): s = 14, z = Phi^-1(36/50) = 0.582842
        assertEquals(0.582842, AlieParams.zMax(50, 12), 1e-5);
        // the attack-matrix's n = 20, f = 4: s = 7, z = Phi^-1(13/20)
        assertEquals(0.385320466407568, AlieParams.zMax(20, 4), 1e-14);
        // scipy.stats.norm.ppf: Hipparchus agrees to the last digits (the rational approximation used before, to 1e-9)
        assertEquals(1.959963984540054, NormalQuantile.of(0.975), 1e-14);
        assertEquals(-2.3263478740408408, NormalQuantile.of(0.01), 1e-14);
        // zMax's clamp: erfinv(2p - 1) loses digits this far in the tail (2p - 1 = -0.999998), still within 1e-11
        assertEquals(-4.753424308822899, NormalQuantile.of(1e-6), 1e-10);
    }

    @Test
    void ipmIsMinusEpsilonTimesTheBenignMean() {
        float[][] benign = rows(new float[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new float[] {-1f, -1.5f}, new IpmParams(null, List.of(0), 1, 0.5).craft(benign, rows(new float[][] {{0, 0}})), EPS);
    }

    @Test
    void minMaxFindsTheLargestGammaWithinTheBenignDiameter() {
        // benign (0,0), (2,0): mean (1,0), diameter 2; p = -unit mean = (-1,0); m = (1 - g, 0) has max distance 1 + g <= 2, so g = 1
        float[][] benign = rows(new float[][] {{0, 0}, {2, 0}});
        float[] m = new MinMaxParams(null, List.of(0), 1, MinMaxParams.Direction.UNIT_MEAN, 10.0, 40).craft(benign, rows(new float[][] {{0, 0}}));
        assertArrayEquals(new float[] {0f, 0f}, m, 1e-4f);
        // sign direction: p = (-1, 0) as well here, but mean (1, 1) with benign (0,0),(2,2): diameter sqrt(8), p = (-1,-1);
        // m = (1-g, 1-g): distance to (2,2) is sqrt(2)(1+g) <= sqrt(8) -> g = 1
        float[][] diagonal = rows(new float[][] {{0, 0}, {2, 2}});
        float[] s = new MinMaxParams(null, List.of(0), 1, MinMaxParams.Direction.SIGN, 10.0, 40).craft(diagonal, rows(new float[][] {{0, 0}}));
        assertArrayEquals(new float[] {0f, 0f}, s, 1e-4f);
        assertEquals(Math.sqrt(8), PerturbedMean.maxPairwiseDistance(diagonal), 1e-9);
    }

    @Test
    void coalitionReplacesOnlyColludersAndSybilsCopyTheirLeader() {
        IpmParams ipm = new IpmParams(null, List.of(2), 2, 1.0);
        Coalition coalition = new Coalition(Map.of(2, ipm));
        List<ClientUpdate> updates = List.of(new ClientUpdate(0, new float[] {1, 1}, 1), new ClientUpdate(1, new float[] {3, 1}, 1),
                new ClientUpdate(2, new float[] {9, 9}, 1));
        assertSame(updates, coalition.apply(updates, 1), "before the start round nothing changes");
        List<ClientUpdate> crafted = coalition.apply(updates, 2);
        assertArrayEquals(new float[] {1, 1}, crafted.get(0).delta(), EPS);
        assertArrayEquals(new float[] {-2, -1}, crafted.get(2).delta(), EPS);

        SybilParams sybil = new SybilParams(2, List.of(1, 2), 1, 2.0);
        List<ClientUpdate> copied = new Coalition(Map.of(1, sybil, 2, sybil)).apply(updates, 1);
        assertArrayEquals(new float[] {6, 2}, copied.get(1).delta(), EPS);
        assertArrayEquals(new float[] {6, 2}, copied.get(2).delta(), EPS);
        assertNotSame(copied.get(1).delta(), copied.get(2).delta());
    }

    @Test
    void sybilIdentitiesComeFromTheSeededOrderAndTrainOnFlippedLabels() {
        AdversaryPlan plan = AdversaryPlan.of(List.of(new SybilParams(3, null, 1, null)), 10, new SeedStreams(1));
        assertEquals(3, plan.coalition().size());
        assertTrue(plan.conductOf(plan.coalition().first()).isAdversarial());
        assertTrue(!plan.craftingCoalition().isEmpty());
    }

    @Test
    void backdoorStampsTheCornerAndRelabels() {
        // four 4x4 images of zeros with labels 1..4; trigger 2x2 of value 1, target 0, half of the samples
        Dataset d = new Dataset("d", new float[4 * 16], new int[] {1, 2, 3, 4}, 16, 5, new ImageShape(1, 4, 4));
        BackdoorParams backdoor = new BackdoorParams(null, List.of(0), 1, 0, 0.5, 2, 1.0);
        Dataset poisoned = backdoor.transform(d, new SplittableRandom(3));
        int relabelled = 0;
        for (int i = 0; i < 4; i++) {
            float sum = 0;
            for (int k = 0; k < 16; k++) {
                sum += poisoned.features()[i * 16 + k];
            }
            if (poisoned.labels()[i] == 0) {
                relabelled++;
                assertEquals(4f, sum, EPS);
                // bottom-right 2x2: pixels (2,2),(2,3),(3,2),(3,3) = indices 10, 11, 14, 15
                for (int k : new int[] {10, 11, 14, 15}) {
                    assertEquals(1f, poisoned.features()[i * 16 + k]);
                }
            } else {
                assertEquals(0f, sum, EPS);
            }
        }
        assertEquals(2, relabelled);
        assertEquals(0f, d.features()[15], "the participant's own data is not modified");

        Dataset withTarget = new Dataset("t", new float[3 * 16], new int[] {0, 2, 3}, 16, 5, new ImageShape(1, 4, 4));
        Dataset probe = backdoor.probe(withTarget);
        assertEquals(2, probe.size(), "images of the target class cannot measure the attack");
        assertArrayEquals(new int[] {0, 0}, probe.labels());
        assertEquals(1f, probe.features()[16 + 15]);
    }
}
