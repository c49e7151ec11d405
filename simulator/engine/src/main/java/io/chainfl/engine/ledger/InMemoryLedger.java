package io.chainfl.engine.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hash-chained ledger kept in memory: SHA-256 transaction ids, blocks of up to {@code blockSize}
 * transactions linked by hash, each with the Merkle root of its transactions. Thread-safe; results are
 * deterministic as long as callers post in a deterministic order.
 */
public final class InMemoryLedger implements Ledger, BulletinBoard {
    private static final String GENESIS = "0".repeat(64);

    private final int blockSize;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<String, LedgerEntry> entries = new HashMap<>();
    private final List<String> txOrder = new ArrayList<>();
    private final List<String> openBlock = new ArrayList<>();
    private final Map<String, byte[]> postedKeys = new HashMap<>();
    private long payloadBytes;

    public InMemoryLedger(int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive");
        }
        this.blockSize = blockSize;
    }

    @Override
    public BulletinBoard bulletinBoard() {
        return this;
    }

    @Override
    public Election election() {
        throw new UnsupportedOperationException("the in-memory ledger has no election contract");
    }

    @Override
    public Escrow escrow() {
        throw new UnsupportedOperationException("the in-memory ledger has no escrow contract");
    }

    @Override
    public GradientExchange gradientExchange() {
        throw new UnsupportedOperationException("the in-memory ledger has no gradient exchange contract");
    }

    @Override
    public synchronized TxReceipt post(LedgerEntry entry) {
        String key = entry.round() + "/" + entry.sender() + "/" + entry.kind();
        if (postedKeys.containsKey(key)) {
            throw new LedgerRevertException("BulletinBoard", "already posted");
        }
        postedKeys.put(key, entry.messageHash());
        String txId = Hashes.hex(txId(entry, txOrder.size()));
        entries.put(txId, entry);
        txOrder.add(txId);
        openBlock.add(txId);
        payloadBytes += entry.payloadBytes();
        long blockNumber = blocks.size();
        if (openBlock.size() >= blockSize) {
            seal();
        }
        return new TxReceipt(txId, blockNumber, 0, 0);
    }

    @Override
    public synchronized Optional<byte[]> hashOf(long round, String sender, String kind) {
        return Optional.ofNullable(postedKeys.get(round + "/" + sender + "/" + kind)).map(byte[]::clone);
    }

    public synchronized Optional<LedgerEntry> lookup(String txId) {
        return Optional.ofNullable(entries.get(txId));
    }

    @Override
    public synchronized void seal() {
        if (openBlock.isEmpty()) {
            return;
        }
        String previous = blocks.isEmpty() ? GENESIS : blocks.get(blocks.size() - 1).hash();
        String merkle = Hashes.hex(MerkleTree.root(openBlock.stream().map(Hashes::fromHex).toList()));
        long number = blocks.size();
        blocks.add(new Block(number, previous, merkle, openBlock, blockHash(number, previous, merkle)));
        openBlock.clear();
    }

    @Override
    public synchronized boolean verifyChain() {
        String previous = GENESIS;
        long sequence = 0;
        for (Block block : blocks) {
            if (!block.previousHash().equals(previous)) {
                return false;
            }
            for (String txId : block.txIds()) {
                LedgerEntry entry = entries.get(txId);
                if (entry == null || !Hashes.hex(txId(entry, sequence)).equals(txId)) {
                    return false;
                }
                sequence++;
            }
            String merkle = Hashes.hex(MerkleTree.root(block.txIds().stream().map(Hashes::fromHex).toList()));
            if (!merkle.equals(block.merkleRoot()) || !blockHash(block.number(), block.previousHash(), merkle).equals(block.hash())) {
                return false;
            }
            previous = block.hash();
        }
        return true;
    }

    @Override
    public synchronized LedgerStats stats() {
        return new LedgerStats(txOrder.size(), blocks.size(), payloadBytes, 0, 0);
    }

    public synchronized List<Block> blocks() {
        return List.copyOf(blocks);
    }

    /** Replaces a stored entry without updating hashes: lets tests show that tampering is detected. */
    synchronized void overwriteForTest(String txId, LedgerEntry forged) {
        entries.put(txId, forged);
    }

    /** Replaces a sealed block: lets tests show that a rewritten block is detected. */
    synchronized void replaceBlockForTest(int index, Block forged) {
        blocks.set(index, forged);
    }

    private static byte[] txId(LedgerEntry entry, long sequence) {
        MessageDigest sha = Hashes.sha256();
        sha.update(ByteBuffer.allocate(3 * Long.BYTES).putLong(sequence).putLong(entry.round()).putLong(entry.payloadBytes()).array());
        sha.update(entry.sender().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(entry.kind().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(entry.messageHash());
        return sha.digest();
    }

    private static String blockHash(long number, String previous, String merkle) {
        MessageDigest sha = Hashes.sha256();
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
        sha.update(previous.getBytes(StandardCharsets.US_ASCII));
        sha.update(merkle.getBytes(StandardCharsets.US_ASCII));
        return Hashes.hex(sha.digest());
    }

    @Override
    public java.util.List<LedgerEvent> events() {
        return java.util.List.of();
    }
}
