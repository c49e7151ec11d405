package io.chainfl.ledger.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.ConsensusConfig;
import io.chainfl.engine.config.ConsensusType;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.LedgerEntry;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConsensusTest {
    @Test
    void proofOfWorkIntervalsHaveTheConfiguredMean() {
        ProofOfWork pow = new ProofOfWork(13_000, new SplittableRandom(3));
        int blocks = 20_000;
        long time = 0;
        double sumSquares = 0;
        for (int i = 0; i < blocks; i++) {
            long next = pow.next(time, time).timeMillis();
            sumSquares += Math.pow(next - time, 2);
            time = next;
        }
        double mean = (double) time / blocks;
        assertEquals(13_000, mean, 13_000 * 0.03, "mean inter-block time");
        double sd = Math.sqrt(sumSquares / blocks - mean * mean);
        assertEquals(mean, sd, mean * 0.05, "exponential: standard deviation equals the mean");
    }

    @Test
    void sortitionPicksLeadersProportionallyToStake() {
        List<Long> stakes = List.of(1L, 2L, 3L, 4L);
        StakeSortition sortition = new StakeSortition(stakes, 4_500, new SplittableRandom(11));
        int blocks = 20_000;
        long[] counts = new long[4];
        long time = 0;
        for (int i = 0; i < blocks; i++) {
            ConsensusModel.BlockSlot slot = sortition.next(time, time);
            assertEquals(time + 4_500, slot.timeMillis());
            time = slot.timeMillis();
            counts[slot.leader()]++;
        }
        double chiSquare = 0;
        for (int i = 0; i < 4; i++) {
            double expected = blocks * stakes.get(i) / 10.0;
            chiSquare += Math.pow(counts[i] - expected, 2) / expected;
        }
        assertTrue(chiSquare < 16.27, "chi-square " + chiSquare + " above the 0.1% critical value for 3 degrees of freedom");
    }

    @Test
    void sortitionLeadersAreDeterministicPerSeedAndExposedPerBlock() {
        // two ledgers built independently from the same seed must elect the same leader for every block
        List<Integer> firstLedger = leaders(9);
        List<Integer> secondLedger = leaders(9);
        assertEquals(20, firstLedger.size(), "two posts per block, one leader each");
        assertEquals(firstLedger, secondLedger);
        assertTrue(!firstLedger.equals(leaders(10)), "another seed draws other leaders");
    }

    private static List<Integer> leaders(long seed) {
        ConsensusConfig consensus = new ConsensusConfig(ConsensusType.SORTITION, null, null, null, null, null, 2_000L, List.of(5L, 1L, 1L));
        SimulatedLedger ledger = new SimulatedLedger(new SimulatedLedgerConfig(130_000L, null, 0, consensus), new SplittableRandom(seed));
        for (int i = 0; i < 40; i++) {
            ledger.bulletinBoard().post(SimulatedChainTest.entry(i, 1));
        }
        ledger.seal();
        assertEquals(20, ledger.stats().blocks(), "two posts per block");
        assertEquals(40_000, ledger.stats().virtualTimeMillis());
        return ledger.blocks().stream().skip(1).map(SimBlock::leader).toList();
    }

    @Test
    void bftBlocksCommitAfterThePhasesAndRotateProposers() {
        BftConsensus bft = new BftConsensus(4, 3, 100);
        assertEquals(1, bft.faultTolerance());
        assertEquals(new ConsensusModel.BlockSlot(1_300, 0), bft.next(1_000, 500));
        assertEquals(new ConsensusModel.BlockSlot(2_300, 1), bft.next(1_000, 2_000));
    }

    @Test
    void proofOfAuthorityWaitsForTheNextSlotAndInstantDoesNot() {
        ProofOfAuthority poa = new ProofOfAuthority(1_000, 3);
        assertEquals(new ConsensusModel.BlockSlot(1_000, 1), poa.next(0, 0));
        assertEquals(new ConsensusModel.BlockSlot(3_000, 0), poa.next(2_000, 1_500));
        assertEquals(new ConsensusModel.BlockSlot(2_000, 2), poa.next(0, 1_999));
        assertEquals(new ConsensusModel.BlockSlot(750, 0), new InstantConsensus().next(500, 750));
    }

    @Test
    void instantChainTakesNoVirtualTime() {
        SimulatedLedger ledger = SimulatedChainTest.ledger(ConsensusType.INSTANT, 30_000_000L, 0, 1);
        for (int i = 0; i < 50; i++) {
            ledger.bulletinBoard().post(new LedgerEntry(1, "p" + i, "k", new byte[32], 0));
        }
        ledger.seal();
        assertEquals(1, ledger.stats().blocks());
        assertEquals(0, ledger.stats().virtualTimeMillis());
    }
}
