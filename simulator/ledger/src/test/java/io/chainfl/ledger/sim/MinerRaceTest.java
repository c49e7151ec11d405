package io.chainfl.ledger.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fork model by hand: one race from chosen draws, the closed forms, and the draws against the closed forms. */
class MinerRaceTest {

    /**
     * Three miners at lambda = 0.1/s with uniforms 0.5, 0.1, 0.2 find blocks after -ln(1 - u) / lambda: 6931.47, 1053.61
     * and 2231.44 ms. Miner 1 wins at 1054 ms (rounded up); miner 2 is 1177.83 ms behind, so a 1000 ms propagation
     * delay does not fork and a 1200 ms one does.
     */
    @Test
    void aRaceIsWonByTheFirstMinerAndForksWhenTheRunnerUpIsWithinThePropagationDelay() {
        MinerRace race = new MinerRace(3, 0.1);
        double[] u = {0.5, 0.1, 0.2};
        int[] next = {0};
        MinerRace.Attempt slowNetwork = race.race(() -> u[next[0]++], 1200);
        next[0] = 0;
        MinerRace.Attempt fastNetwork = race.race(() -> u[next[0]++], 1000);
        for (MinerRace.Attempt a : new MinerRace.Attempt[] {slowNetwork, fastNetwork}) {
            assertEquals(1, a.winner());
            assertEquals(1054, a.blockMillis());
            assertEquals(2, a.rival());
            assertEquals(2231.4355 - 1053.6052, a.rivalGapMillis(), 1e-3);
        }
        assertTrue(slowNetwork.forked(), "miner 2 finds its block 1178 ms later, before a 1200 ms propagation reaches it");
        assertFalse(fastNetwork.forked(), "a 1000 ms propagation reaches miner 2 first");
    }

    @Test
    void oneMinerNeverForks() {
        MinerRace.Attempt a = new MinerRace(1, 0.1).race(() -> 0.5, Long.MAX_VALUE);
        assertEquals(6932, a.blockMillis());
        assertFalse(a.forked());
        assertEquals(Double.POSITIVE_INFINITY, MinerRace.optimalRate(1.0, 1, 0.3));
    }

    /**
     * Ten miners at lambda = 0.1/s, a 0.3 s propagation delay: 1 - exp(-0.1 x 9 x 0.3) = 1 - exp(-0.27) = 0.236621. With
     * 0.72 s of fixed work per attempt (devices, cross-verification, propagation) and 0.301 s of propagation, the
     * latency (0.72 + 1 / (10 lambda)) exp(2.709 lambda) is least where 1.95048 lambda^2 + 0.2709 lambda - 0.1 = 0:
     * lambda = 0.16739/s, latency 2.0733 s; 2.1082 s at 0.8 lambda*, 2.1115 s at 1.25 lambda*, 2.2552 s at 0.1.
     */
    @Test
    void theClosedFormsByHand() {
        assertEquals(0.236621, MinerRace.forkProbability(0.1, 10, 0.3), 1e-6);
        double optimum = MinerRace.optimalRate(0.72, 10, 0.301);
        assertEquals(0.16739, optimum, 1e-5);
        assertEquals(2.0733, MinerRace.expectedRoundSeconds(0.72, optimum, 10, 0.301), 1e-4);
        assertEquals(2.1082, MinerRace.expectedRoundSeconds(0.72, 0.8 * optimum, 10, 0.301), 1e-4);
        assertEquals(2.1115, MinerRace.expectedRoundSeconds(0.72, 1.25 * optimum, 10, 0.301), 1e-4);
        assertEquals(2.2552, MinerRace.expectedRoundSeconds(0.72, 0.1, 10, 0.301), 1e-4);
        assertEquals(1 / 2.709, MinerRace.optimalRate(0, 10, 0.301), 1e-9, "without fixed work the optimum is 1 / ((miners - 1) T_bp)");
    }

    /** 40,000 seeded races agree with the closed forms: the fork rate, and the winner's mean time 1 / (miners lambda). */
    @Test
    void theDrawsFollowTheClosedForms() {
        MinerRace race = new MinerRace(10, 0.1);
        SplittableRandom random = new SplittableRandom(7);
        int forks = 0;
        double blockSum = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            MinerRace.Attempt a = race.race(random::nextDouble, 300);
            forks += a.forked() ? 1 : 0;
            blockSum += a.blockMillis();
        }
        assertEquals(MinerRace.forkProbability(0.1, 10, 0.3), forks / (double) n, 0.01);
        assertEquals(1000.0, blockSum / n, 15.0, "the first of ten miners at 0.1/s finds a block after 1 s on average (plus 0.5 ms of rounding up)");
    }
}
