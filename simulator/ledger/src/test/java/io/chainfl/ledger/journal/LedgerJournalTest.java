package io.chainfl.ledger.journal;

import io.chainfl.engine.checkpoint.CheckpointStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.Election;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.sim.SimulatedLedger;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying a journal into a fresh simulated ledger rebuilds the same chain and contract state. */
class LedgerJournalTest {

    private static SimulatedLedger fresh() {
        return new SimulatedLedger(SimulatedLedgerConfig.defaults(), new SeedStreams(5).stream("ledger/consensus"));
    }

    /** One round of every contract, as the studies use them. */
    private static void round(JournaledLedger ledger, int round) {
        for (int p = 0; p < 3; p++) {
            ledger.bulletinBoard().post(new LedgerEntry(round, "participant-" + p, "update", Hashes.sha256(new byte[] {(byte) round, (byte) p}), 100));
        }
        ledger.election().open(round, 1, Election.bordaVector(1));
        ledger.election().castBallot(round, 0, List.of(1, 2), List.of(5L, 7L));
        ledger.election().castBallot(round, 1, List.of(0, 2), List.of(3L, 9L));
        ledger.election().tally(round);
        long deposit = ledger.escrow().deposit("participant-0", 10, 1000L * round).depositId();
        ledger.escrow().take(deposit, List.of("participant-1", "participant-2"), List.of(1L, 2L));
        ledger.gradientExchange().post(round, "participant-2", new byte[300 + round]);
        ledger.seal();
    }

    @Test
    void replayRebuildsTheSameChainAndBalances(@TempDir Path dir) throws Exception {
        JournaledLedger original = new JournaledLedger(fresh());
        original.escrow().mint("participant-0", 100);
        round(original, 1);
        long covered = CheckpointStore.append(dir.resolve("journal"), original.drainPending());
        long callsInRoundOne = original.recordedCalls();
        assertThrows(LedgerRevertException.class, () -> original.election().tally(1), "a revert changes nothing and is not recorded");
        round(original, 2);
        CheckpointStore.append(dir.resolve("journal"), original.drainPending());

        SimulatedLedger replayed = fresh();
        LedgerJournal.replay(dir.resolve("journal"), Files.size(dir.resolve("journal")), replayed);
        SimulatedLedger direct = (SimulatedLedger) original.inner();
        assertEquals(direct.blocks(), replayed.blocks());
        assertEquals(direct.stats(), replayed.stats());
        assertEquals(direct.events(), replayed.events());
        assertEquals(direct.escrow().balanceOf("participant-2"), replayed.escrow().balanceOf("participant-2"));
        assertTrue(replayed.verifyChain());

        // a checkpoint taken after round 1 covers only round 1: the rest of the file is cut off
        SimulatedLedger afterRoundOne = fresh();
        assertEquals(callsInRoundOne, LedgerJournal.replay(dir.resolve("journal"), covered, afterRoundOne));
        assertEquals(covered, Files.size(dir.resolve("journal")));
        JournaledLedger continued = new JournaledLedger(afterRoundOne);
        round(continued, 2);
        assertEquals(direct.blocks(), afterRoundOne.blocks(), "continuing from the cut journal gives the same chain");
    }

    @Test
    void replayRebuildsADanKuMarket(@TempDir Path dir) throws Exception {
        JournaledLedger original = new JournaledLedger(fresh());
        io.chainfl.ledger.DanKu danku = original.danku();
        short[] rows = {10, 0, 0, 0, 10, 1};
        byte[][] salts = {new byte[32], new byte[32]};
        salts[1][0] = 1;
        danku.credit("organizer", 50);
        danku.create(1, "organizer", 40, List.of(io.chainfl.ledger.DanKu.groupHash(salts[0], rows), io.chainfl.ledger.DanKu.groupHash(salts[1], rows)),
                new io.chainfl.ledger.DanKu.Terms(1, 2, 2, 0, 100, 200, true));
        int test = danku.testStartOf(1);
        danku.revealTraining(1, 1 - test, salts[1 - test], rows);
        int[] model = {1, 0, 0, 0, 1, 0};
        danku.commit(1, "alice", io.chainfl.ledger.DanKu.commitment(salts[0], "alice", model), 10);
        danku.openModel(1, 0, salts[0], model, 100);
        danku.revealTest(1, test, salts[test], rows, 150);
        danku.finalizeMarket(1, 150);
        original.seal();
        CheckpointStore.append(dir.resolve("journal"), original.drainPending());

        SimulatedLedger replayed = fresh();
        LedgerJournal.replay(dir.resolve("journal"), Files.size(dir.resolve("journal")), replayed);
        SimulatedLedger direct = (SimulatedLedger) original.inner();
        assertEquals(direct.blocks(), replayed.blocks());
        assertEquals(direct.events(), replayed.events());
        assertEquals(40, replayed.danku().balanceOf("alice"));
        assertEquals(10, replayed.danku().balanceOf("organizer"));
    }

    @Test
    void replayRebuildsARewardPool(@TempDir Path dir) throws Exception {
        JournaledLedger original = new JournaledLedger(fresh());
        io.chainfl.ledger.RewardPool pool = original.rewardPool();
        pool.credit("task-owner", 900);
        pool.open(1, "task-owner", 900, 2);
        pool.pay(1, 1, List.of("participant-0", "participant-1"), List.of(1L, 2L));
        pool.pay(1, 2, List.of(), List.of());
        pool.close(1);
        original.seal();
        CheckpointStore.append(dir.resolve("journal"), original.drainPending());

        SimulatedLedger replayed = fresh();
        LedgerJournal.replay(dir.resolve("journal"), Files.size(dir.resolve("journal")), replayed);
        SimulatedLedger direct = (SimulatedLedger) original.inner();
        assertEquals(direct.blocks(), replayed.blocks());
        assertEquals(direct.events(), replayed.events());
        // 450 a round: 150 and 300 in round 1, nothing in round 2, 450 back to the owner
        assertEquals(150, replayed.rewardPool().balanceOf("participant-0"));
        assertEquals(300, replayed.rewardPool().balanceOf("participant-1"));
        assertEquals(450, replayed.rewardPool().balanceOf("task-owner"));
        assertEquals(0, replayed.rewardPool().held());
    }

    @Test
    void replayRebuildsAProofOfLearningTask(@TempDir Path dir) throws Exception {
        JournaledLedger original = new JournaledLedger(fresh());
        io.chainfl.ledger.ProofOfLearning pol = original.proofOfLearning();
        pol.credit("supplier", 120);
        pol.postTask(1, "supplier", 100, 10, 50, List.of("v0", "v1"));
        pol.submit(1, "trainer-0", new byte[32]);
        pol.submit(1, "trainer-1", java.util.Arrays.copyOf(new byte[] {1, 2, 3}, 32));
        pol.rank(1, "v0", List.of(1, 0));
        pol.rank(1, "v1", List.of(1, 0));
        pol.finalizeTask(1);
        original.seal();
        CheckpointStore.append(dir.resolve("journal"), original.drainPending());

        SimulatedLedger replayed = fresh();
        LedgerJournal.replay(dir.resolve("journal"), Files.size(dir.resolve("journal")), replayed);
        SimulatedLedger direct = (SimulatedLedger) original.inner();
        assertEquals(direct.blocks(), replayed.blocks());
        assertEquals(direct.events(), replayed.events());
        // trainer-1 ranked first twice: the fee 100 plus the minted 50; 10 to each validator; 0 left with the supplier
        assertEquals(1, replayed.proofOfLearning().winnerOf(1));
        assertEquals(150, replayed.proofOfLearning().balanceOf("trainer-1"));
        assertEquals(10, replayed.proofOfLearning().balanceOf("v1"));
        assertEquals(0, replayed.proofOfLearning().balanceOf("supplier"));
        assertEquals(50, replayed.proofOfLearning().minted());
        assertEquals(0, replayed.proofOfLearning().held());
    }
}
