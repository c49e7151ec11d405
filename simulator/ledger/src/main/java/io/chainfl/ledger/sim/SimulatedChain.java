package io.chainfl.ledger.sim;

import io.chainfl.engine.UserError;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerStats;
import io.chainfl.ledger.MerkleTree;
import io.chainfl.ledger.TxReceipt;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks in virtual time. Transactions are packed in submission order into the open block while its gas and
 * calldata limits allow, otherwise into the next block, whose time the consensus model decides; so
 * throughput follows from the limits and the block times. The clock only moves in {@link #seal()}, to the
 * block that makes the last transaction final. Not thread-safe: {@link SimulatedLedger} serialises access.
 */
public final class SimulatedChain {
    private final long blockGasLimit;
    private final long blockSizeBytes;
    private final BlockTimeline timeline;
    private final AbiEncoder encoder = new AbiEncoder();
    private final GasMeter meter = new GasMeter();
    private final List<ChainCall> transactions = new ArrayList<>();
    private final List<SimBlock> blocks = new ArrayList<>();
    private final List<byte[]> openIds = new ArrayList<>();
    private final MessageDigest txDigest = Hashes.sha256();
    private long gasUsed;
    private long calldataBytes;

    public SimulatedChain(long blockGasLimit, long blockSizeBytes, int confirmations, ConsensusModel consensus) {
        this.blockGasLimit = blockGasLimit;
        this.blockSizeBytes = blockSizeBytes;
        this.timeline = new BlockTimeline(blockGasLimit, blockSizeBytes, confirmations, consensus, this::closeBlock);
        blocks.add(new SimBlock(0, 0, -1, Bytes32.ZERO, Bytes32.of(MerkleTree.root(List.of())), 0, 0, 0, 0, null).withHash());
    }

    /**
     * Encodes a call as the next transaction and starts the shared gas meter with its base, calldata and
     * overhead; the contract adds its execution costs and then hands the call to {@link #include}.
     */
    GasMeter encode(ChainCall call) {
        call.encode(transactions.size(), encoder);
        return meter.start(call.function(), encoder);
    }

    /** Adds the call {@link #encode} just encoded, executed and metered, to the chain; returns its receipt. */
    TxReceipt include(ChainCall call, long gas) {
        long bytes = encoder.calldataBytes();
        if (gas > blockGasLimit || bytes > blockSizeBytes) {
            throw new UserError(call.function().signature() + " needs " + gas + " gas and " + bytes + " calldata bytes, more than a block holds ("
                    + blockGasLimit + " gas, " + blockSizeBytes + " bytes); raise ledger.simulated.block_gas_limit or block_size_bytes");
        }
        BlockTimeline.Placement placement = timeline.place(gas, bytes);
        byte[] id = txId(encoder);
        transactions.add(call);
        openIds.add(id);
        gasUsed += gas;
        calldataBytes += bytes;
        return new TxReceipt(Hex.of(id), placement.block(), gas, placement.timeMillis());
    }

    /** Closes the open block and adds blocks until every transaction has its confirmations; moves the clock. */
    public void seal() {
        timeline.seal();
    }

    /** The timeline closed a block: it holds the transactions added since the previous one. */
    private void closeBlock(long number, ConsensusModel.BlockSlot slot, long gas, long bytes) {
        SimBlock previous = head();
        long firstTx = previous.firstTx() + previous.txCount();
        Bytes32 root = Bytes32.of(MerkleTree.root(openIds));
        blocks.add(new SimBlock(number, slot.timeMillis(), slot.leader(), previous.hash(), root,
                firstTx, openIds.size(), gas, bytes, null).withHash());
        openIds.clear();
    }

    private SimBlock head() {
        return blocks.get(blocks.size() - 1);
    }

    /** Recomputes every transaction id, Merkle root, block hash and link. */
    public boolean verifyChain() {
        SimBlock previous = null;
        long expectedFirstTx = 0;
        for (SimBlock block : blocks) {
            boolean linked = previous == null ? block.number() == 0 && block.previousHash().equals(Bytes32.ZERO)
                    : block.number() == previous.number() + 1 && block.previousHash().equals(previous.hash());
            if (!linked || block.firstTx() != expectedFirstTx || !block.computeHash().equals(block.hash())
                    || !Bytes32.of(MerkleTree.root(txIds(block.firstTx(), block.txCount()))).equals(block.merkleRoot())) {
                return false;
            }
            expectedFirstTx += block.txCount();
            previous = block;
        }
        return true;
    }

    private List<byte[]> txIds(long firstTx, int count) {
        List<byte[]> ids = new ArrayList<>(count);
        for (long nonce = firstTx; nonce < firstTx + count; nonce++) {
            ids.add(txId(nonce));
        }
        return ids;
    }

    private byte[] txId(long nonce) {
        if (nonce >= transactions.size()) {
            return new byte[32];
        }
        AbiEncoder scratch = new AbiEncoder();
        transactions.get((int) nonce).encode(nonce, scratch);
        return txId(scratch);
    }

    /**
     * SHA-256 of nonce and committed encoding. SHA-256 rather than Keccak because the Merkle tree is SHA-256
     * anyway and the JDK's SHA-256 runs on the CPU's SHA instructions: several times faster per transaction.
     */
    private byte[] txId(AbiEncoder encoded) {
        txDigest.update(encoded.buffer(), 0, encoded.committedLength());
        return txDigest.digest();
    }

    /** Hex ids of a block's transactions (recomputed, as ids are not stored). */
    public List<String> txIds(SimBlock block) {
        return txIds(block.firstTx(), block.txCount()).stream().map(Hex::of).toList();
    }

    /** Every block from genesis (number 0) to the head; the open block is not included until sealed. */
    public List<SimBlock> blocks() {
        return List.copyOf(blocks);
    }

    public List<LedgerEvent> events() {
        List<LedgerEvent> out = new ArrayList<>();
        long nonce = 0;
        for (SimBlock block : blocks) {
            for (int i = 0; i < block.txCount(); i++) {
                transactions.get((int) nonce++).emit(block.number(), out);
            }
        }
        while (nonce < transactions.size()) {
            transactions.get((int) nonce++).emit(head().number() + 1, out);
        }
        return out;
    }

    public LedgerStats stats() {
        return new LedgerStats(transactions.size(), head().number(), calldataBytes, gasUsed, timeline.nowMillis());
    }

    public long nowMillis() {
        return timeline.nowMillis();
    }

    ChainCall transaction(long nonce) {
        return transactions.get((int) nonce);
    }

    /** Replaces a stored transaction without touching any hash: lets tests show that tampering is detected. */
    void replaceTransactionForTest(long nonce, ChainCall forged) {
        transactions.set((int) nonce, forged);
    }

    /** Replaces a block: lets tests show that a rewritten block is detected. */
    void replaceBlockForTest(int index, SimBlock forged) {
        blocks.set(index, forged);
    }
}
