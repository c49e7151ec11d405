package io.chainfl.ledger.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.ConsensusConfig;
import io.chainfl.engine.config.ConsensusType;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.LedgerStats;
import io.chainfl.ledger.MerkleTree;
import io.chainfl.ledger.TxReceipt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimulatedChainTest {
    static LedgerEntry entry(int round, int sender) {
        return new LedgerEntry(round, "p" + sender, "update", Hashes.sha256(("msg" + round + "/" + sender).getBytes(StandardCharsets.UTF_8)), 100);
    }

    static SimulatedLedger ledger(ConsensusType type, long blockGasLimit, int confirmations, long seed) {
        SimulatedLedgerConfig config = new SimulatedLedgerConfig(blockGasLimit, null, confirmations, ConsensusConfig.of(type));
        return new SimulatedLedger(config, new SplittableRandom(seed));
    }

    /** A PoA chain whose blocks hold exactly {@code postsPerBlock} later-style posts. */
    static SimulatedLedger filled(int txs, int postsPerBlock) {
        SimulatedLedger ledger = ledger(ConsensusType.POA, 69_800L + 53_000L * (postsPerBlock - 1), 0, 1);
        for (int i = 0; i < txs; i++) {
            ledger.bulletinBoard().post(entry(i / 5, i % 5));
        }
        ledger.seal();
        return ledger;
    }

    @Test
    void postedHashesVerifyAndOthersDoNot() {
        SimulatedLedger ledger = filled(0, 4);
        LedgerEntry e = entry(1, 2);
        TxReceipt receipt = ledger.bulletinBoard().post(e);
        assertTrue(ledger.bulletinBoard().verify(1, "p2", "update", e.messageHash()));
        assertFalse(ledger.bulletinBoard().verify(1, "p2", "update", entry(1, 3).messageHash()));
        assertFalse(ledger.bulletinBoard().verify(2, "p2", "update", e.messageHash()));
        ledger.seal();
        assertEquals(List.of(receipt.txId()), ledger.txIds(ledger.blocks().get(1)));
        LedgerEvent posted = ledger.events().get(0);
        assertEquals(new LedgerEvent("BulletinBoard", "Posted", List.of("1", Bytes32.ofName("p2").toString(), Bytes32.ofName("update").toString(),
                "0x" + Hashes.hex(e.messageHash())), 1), posted);
    }

    @Test
    void duplicatePostIsRejected() {
        SimulatedLedger ledger = filled(0, 4);
        ledger.bulletinBoard().post(entry(1, 2));
        assertEquals("already posted", assertThrows(LedgerRevertException.class, () -> ledger.bulletinBoard().post(entry(1, 2))).reason());
        assertEquals(1, ledger.stats().transactions());
    }

    @Test
    void blocksAreLinkedAndFilledUpToTheGasLimit() {
        SimulatedLedger ledger = filled(10, 4);
        List<SimBlock> blocks = ledger.blocks();
        assertEquals(4, blocks.size(), "genesis and three blocks");
        assertEquals(List.of(0, 4, 4, 2), blocks.stream().map(SimBlock::txCount).toList());
        assertEquals(blocks.get(1).hash(), blocks.get(2).previousHash());
        assertEquals(List.of(0L, 1000L, 2000L, 3000L), blocks.stream().map(SimBlock::timestampMillis).toList());
        LedgerStats stats = ledger.stats();
        assertEquals(10, stats.transactions());
        assertEquals(3, stats.blocks());
        assertEquals(10 * 132, stats.payloadBytes(), "calldata: selector and four words per post");
        assertEquals(3000, stats.virtualTimeMillis());
        assertTrue(ledger.verifyChain());
    }

    @Test
    void throughputEmergesFromBlockLimitsAndInterval() {
        SimulatedLedger ledger = filled(100, 10);
        assertEquals(10, ledger.stats().blocks());
        assertEquals(10_000, ledger.stats().virtualTimeMillis(), "100 posts at 10 per 1 s block take 10 s");
        assertTrue(ledger.blocks().stream().skip(1).allMatch(b -> b.txCount() == 10));
        SimulatedLedger byBytes = new SimulatedLedger(new SimulatedLedgerConfig(null, 132L * 25, 0, ConsensusConfig.of(ConsensusType.POA)), new SplittableRandom(1));
        for (int i = 0; i < 100; i++) {
            byBytes.bulletinBoard().post(entry(i, 0));
        }
        byBytes.seal();
        assertEquals(4, byBytes.stats().blocks(), "the calldata limit binds: 25 posts per block");
    }

    @Test
    void sealWaitsForConfirmationsWithEmptyBlocks() {
        SimulatedLedger ledger = ledger(ConsensusType.POA, 30_000_000L, 6, 1);
        TxReceipt receipt = ledger.bulletinBoard().post(entry(1, 1));
        assertEquals(1, receipt.blockNumber());
        assertEquals(1000, receipt.includedAtMillis());
        ledger.seal();
        assertEquals(7, ledger.stats().blocks());
        assertEquals(7000, ledger.stats().virtualTimeMillis());
        ledger.seal();
        assertEquals(7, ledger.stats().blocks(), "nothing pending: sealing again adds nothing");
        TxReceipt next = ledger.bulletinBoard().post(entry(2, 1));
        assertEquals(8, next.blockNumber());
        assertEquals(8000, next.includedAtMillis(), "waits for the next slot after the clock");
        assertTrue(ledger.verifyChain());
    }

    @Test
    void sameSeedGivesSameChainAndDifferentSeedsDiffer() {
        for (ConsensusType type : ConsensusType.values()) {
            assertEquals(run(type, 5), run(type, 5), type.toString());
        }
        assertNotEquals(run(ConsensusType.POW, 5), run(ConsensusType.POW, 6));
        assertNotEquals(run(ConsensusType.SORTITION, 5), run(ConsensusType.SORTITION, 6));
    }

    private static List<SimBlock> run(ConsensusType type, long seed) {
        SimulatedLedger ledger = ledger(type, 300_000L, 2, seed);
        for (int i = 0; i < 30; i++) {
            ledger.bulletinBoard().post(entry(i / 5, i % 5));
            if (i % 7 == 6) {
                ledger.seal();
            }
        }
        ledger.escrow().mint("a", 10);
        ledger.seal();
        assertTrue(ledger.verifyChain());
        return ledger.blocks();
    }

    @Test
    void alteredTransactionIsDetected() {
        SimulatedLedger ledger = filled(10, 4);
        SimBulletinBoard.Post original = (SimBulletinBoard.Post) ledger.chain().transaction(5);
        ledger.chain().replaceTransactionForTest(5, new SimBulletinBoard.Post(original.round(), original.sender(), original.kind(), Bytes32.ZERO));
        assertFalse(ledger.verifyChain());
    }

    @Test
    void rewrittenBlockIsDetected() {
        SimulatedLedger ledger = filled(10, 4);
        SimBlock b = ledger.blocks().get(2);
        ledger.chain().replaceBlockForTest(2, new SimBlock(b.number(), b.timestampMillis(), b.leader(), b.previousHash(), b.merkleRoot(),
                b.firstTx(), b.txCount() - 1, b.gasUsed(), b.calldataBytes(), b.hash()));
        assertFalse(ledger.verifyChain());

        SimulatedLedger rehashed = filled(10, 4);
        SimBlock c = rehashed.blocks().get(2);
        Bytes32 otherRoot = Bytes32.of(MerkleTree.root(List.of(new byte[32])));
        rehashed.chain().replaceBlockForTest(2, new SimBlock(c.number(), c.timestampMillis(), c.leader(), c.previousHash(), otherRoot,
                c.firstTx(), c.txCount(), c.gasUsed(), c.calldataBytes(), null).withHash());
        assertFalse(rehashed.verifyChain(), "a consistent header over other transactions breaks the next block's link");

        SimulatedLedger retimed = filled(10, 4);
        SimBlock d = retimed.blocks().get(3);
        retimed.chain().replaceBlockForTest(3, new SimBlock(d.number(), d.timestampMillis() - 500, d.leader(), d.previousHash(), d.merkleRoot(),
                d.firstTx(), d.txCount(), d.gasUsed(), d.calldataBytes(), d.hash()));
        assertFalse(retimed.verifyChain());
    }

    @Test
    void blockTooSmallForATransactionIsAUserError() {
        SimulatedLedger ledger = ledger(ConsensusType.INSTANT, 50_000L, 0, 1);
        assertThrows(io.chainfl.engine.UserError.class, () -> ledger.bulletinBoard().post(entry(1, 1)));
    }
}
