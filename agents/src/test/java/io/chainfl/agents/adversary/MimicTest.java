package io.chainfl.agents.adversary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.aggregation.ClientUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mimic attack's choice worked out by hand on 2-D updates. z starts from a seeded Gaussian z0; the first power step
 * only keeps the sign of z0's first coordinate (sigma below), so the expectations are written for both signs.
 */
class MimicTest {
    private static final int COLLUDER = 9;

    private static CoalitionAttack.Round round(int number, float[]... benign) {
        List<ClientUpdate> updates = new ArrayList<>();
        for (int i = 0; i < benign.length; i++) {
            updates.add(new ClientUpdate(i, benign[i], 1));
        }
        return new CoalitionAttack.Round(number, updates, List.of(new ClientUpdate(COLLUDER, new float[] {7, 7}, 1), new ClientUpdate(COLLUDER + 1, new float[] {8, 8}, 1)));
    }

    private static CoalitionAttack.Round roundWithout(int number, int missing, float[]... benign) {
        List<ClientUpdate> updates = new ArrayList<>();
        for (int i = 0; i < benign.length; i++) {
            if (i != missing) {
                updates.add(new ClientUpdate(i, benign[i], 1));
            }
        }
        return new CoalitionAttack.Round(number, updates, List.of(new ClientUpdate(COLLUDER, new float[] {7, 7}, 1)));
    }

    // round 1: ids 0, 1, 2 at (3,0), (-1,0), (1,0); mu = (1,0), centred (2,0), (-2,0), (0,0); the power step from z0 is
    // 2 z0x (2,0) + (-2 z0x)(-2,0) = (8 z0x, 0), so z1 = (sigma, 0), sigma = sign(z0x): the copied one is id 0 if sigma > 0, else id 1.
    private static final float[][] ROUND1 = {{3, 0}, {-1, 0}, {1, 0}};
    // round 2: ids 0, 1, 2 at (0,2), (2,0), (1,-2); mean (1,0), so mu = (1,0)/2 + (1,0)/2 = (1,0); centred (-1,2), (1,0), (0,-2);
    // step from z1: -sigma (-1,2) + sigma (1,0) = sigma (2,-2), normalised sigma (1,-1)/sqrt2;
    // z2 = z1/2 + step/2 = sigma (1/2 + 1/(2 sqrt2), -1/(2 sqrt2)) = sigma (0.853553, -0.353553), normalised sigma (0.923880, -0.382683).
    // Inner products with z2: id 0: -0.765367 sigma, id 1: 1.847759 sigma, id 2: 1.689247 sigma -> id 1 if sigma > 0, else id 0.
    private static final float[][] ROUND2 = {{0, 2}, {2, 0}, {1, -2}};
    // round 3 (after warmup): another participant would now be furthest along z2, but the choice is fixed
    private static final float[][] ROUND3 = {{10, 0}, {0, 0}, {-10, 0}};

    private static double sigma(long seed) {
        return Math.signum(new SeedStreams(seed).stream("adversary", "mimic", COLLUDER, "z").nextGaussian());
    }

    @Test
    void theCopiedParticipantFollowsTheDirectionOfMaximumVarianceDuringWarmupThenStaysFixed() {
        java.util.Set<Double> signs = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            double sigma = sigma(seed);
            signs.add(sigma);
            MimicAttack mimic = new MimicAttack(2, new SeedStreams(seed));
            float[][] first = mimic.craft(round(1, ROUND1));
            assertEquals(sigma > 0 ? 0 : 1, mimic.copied(), "seed " + seed);
            assertArrayEquals(ROUND1[mimic.copied()], first[0], 0f);
            assertSame(first[0], first[1], "every colluder uploads the copy");

            mimic.craft(round(2, ROUND2));
            int chosen = sigma > 0 ? 1 : 0;
            assertEquals(chosen, mimic.copied(), "seed " + seed);

            float[][] third = mimic.craft(round(3, ROUND3));
            assertEquals(chosen, mimic.copied(), "fixed after the warmup rounds");
            assertArrayEquals(ROUND3[chosen], third[0], 0f);

            // the copied participant has no update this round: the round's benign update furthest along z2 instead,
            // (10,0) . z2 = 9.2388 sigma for id 0, 0 for id 1, -9.2388 sigma for id 2
            float[][] fourth = mimic.craft(roundWithout(4, chosen, ROUND3));
            assertArrayEquals(ROUND3[sigma > 0 ? 0 : 2], fourth[0], 0f, "seed " + seed);
            assertEquals(chosen, mimic.copied(), "a missing round does not change the choice");
        }
        assertEquals(java.util.Set.of(-1.0, 1.0), signs, "the seeds cover both signs of z0, so both branches are checked");
    }

    @Test
    void aRestoredCrafterContinuesAsIfNeverStopped() {
        MimicAttack reference = new MimicAttack(3, new SeedStreams(2));
        reference.craft(round(1, ROUND1));
        MimicAttack stopped = new MimicAttack(3, new SeedStreams(2));
        stopped.craft(round(1, ROUND1));
        Snapshot.Builder out = Snapshot.builder();
        stopped.save(out, "coalition/9/");
        Snapshot saved = out.build();
        assertEquals(3, saved.sections().size(), "rounds and choice, mu, z");

        MimicAttack resumed = new MimicAttack(3, new SeedStreams(2));
        resumed.restore(saved, "coalition/9/");
        for (float[][] rows : List.of(ROUND2, ROUND3, ROUND1, ROUND3)) {
            assertArrayEquals(reference.craft(round(2, rows))[0], resumed.craft(round(2, rows))[0], 0f);
            assertEquals(reference.copied(), resumed.copied());
        }
    }

    @Test
    void aCrafterThatNeverAttackedSavesOnlyItsCounters() {
        Snapshot.Builder out = Snapshot.builder();
        new MimicAttack(2, new SeedStreams(1)).save(out, "p/");
        MimicAttack restored = new MimicAttack(2, new SeedStreams(1));
        restored.restore(out.build(), "p/");
        assertEquals(-1, restored.copied());
    }
}
