package io.chainfl.engine.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryLedgerTest {
    private static LedgerEntry entry(int round, int sender) {
        return new LedgerEntry(round, "p" + sender, "update", Hashes.sha256(("msg" + round + "/" + sender).getBytes(StandardCharsets.UTF_8)), 100);
    }

    private static InMemoryLedger filled(int txs, int blockSize) {
        InMemoryLedger ledger = new InMemoryLedger(blockSize);
        for (int i = 0; i < txs; i++) {
            ledger.post(entry(i / 5, i % 5));
        }
        ledger.seal();
        return ledger;
    }

    @Test
    void postedHashesVerifyAndOthersDoNot() {
        InMemoryLedger ledger = new InMemoryLedger(4);
        LedgerEntry e = entry(1, 2);
        TxReceipt receipt = ledger.post(e);
        assertTrue(ledger.verify(1, "p2", "update", e.messageHash()));
        assertFalse(ledger.verify(1, "p2", "update", entry(1, 3).messageHash()));
        assertFalse(ledger.verify(2, "p2", "update", e.messageHash()));
        assertEquals(e, ledger.lookup(receipt.txId()).orElseThrow());
    }

    @Test
    void duplicatePostIsRejected() {
        InMemoryLedger ledger = new InMemoryLedger(4);
        ledger.post(entry(1, 2));
        assertEquals("already posted", assertThrows(LedgerRevertException.class, () -> ledger.post(entry(1, 2))).reason());
    }

    @Test
    void blocksAreLinkedAndCounted() {
        InMemoryLedger ledger = filled(10, 4);
        List<Block> blocks = ledger.blocks();
        assertEquals(3, blocks.size());
        assertEquals(List.of(4, 4, 2), blocks.stream().map(b -> b.txIds().size()).toList());
        assertEquals(blocks.get(0).hash(), blocks.get(1).previousHash());
        assertEquals(new LedgerStats(10, 3, 1000, 0, 0), ledger.stats());
        assertTrue(ledger.verifyChain());
    }

    @Test
    void sameSequenceGivesSameChain() {
        assertEquals(filled(12, 5).blocks(), filled(12, 5).blocks());
    }

    @Test
    void alteredTransactionIsDetected() {
        InMemoryLedger ledger = filled(10, 4);
        String txId = ledger.blocks().get(1).txIds().get(2);
        LedgerEntry original = ledger.lookup(txId).orElseThrow();
        ledger.overwriteForTest(txId, new LedgerEntry(original.round(), original.sender(), original.kind(), new byte[32], original.payloadBytes()));
        assertFalse(ledger.verifyChain());
    }

    @Test
    void rewrittenBlockIsDetected() {
        InMemoryLedger ledger = filled(10, 4);
        Block b = ledger.blocks().get(1);
        ledger.replaceBlockForTest(1, new Block(b.number(), b.previousHash(), b.merkleRoot(), b.txIds().subList(0, 3), b.hash()));
        assertFalse(ledger.verifyChain());
        InMemoryLedger relinked = filled(10, 4);
        Block c = relinked.blocks().get(2);
        relinked.replaceBlockForTest(2, new Block(c.number(), "ab".repeat(32), c.merkleRoot(), c.txIds(), c.hash()));
        assertFalse(relinked.verifyChain());
    }

    @Test
    void merkleRootDependsOnEveryLeafAndOrder() {
        byte[] a = Hashes.sha256(new byte[] {1});
        byte[] b = Hashes.sha256(new byte[] {2});
        byte[] c = Hashes.sha256(new byte[] {3});
        assertNotEquals(Hashes.hex(MerkleTree.root(List.of(a, b, c))), Hashes.hex(MerkleTree.root(List.of(b, a, c))));
        assertEquals(Hashes.hex(a), Hashes.hex(MerkleTree.root(List.of(a))));
        // hand-computed two-leaf root: H(a || b)
        java.security.MessageDigest sha = Hashes.sha256();
        sha.update(a);
        sha.update(b);
        assertEquals(Hashes.hex(sha.digest()), Hashes.hex(MerkleTree.root(List.of(a, b))));
    }
}
