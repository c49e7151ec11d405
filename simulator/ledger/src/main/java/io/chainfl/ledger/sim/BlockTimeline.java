package io.chainfl.ledger.sim;

import io.chainfl.engine.config.SimulatedLedgerConfig;
import java.util.SplittableRandom;

/**
 * The ledger's time: transactions are packed in submission order into the open block while its gas and calldata
 * limits allow, otherwise into the next block, whose time the consensus model decides; the clock moves only in
 * {@link #seal()}, to the block that makes the last transaction final (its confirmations included).
 *
 * <p>The simulated chain builds its blocks on this timeline. The Ethereum backend keeps one too, fed with the gas
 * and calldata of each mined transaction: a real node's block timestamps are its wall clock (Hardhat's automine
 * stamps a block with the current second), so they must not reach results, while this timeline gives the same
 * virtual time on both backends for the same config and seed. Not thread-safe: callers serialise.
 */
public final class BlockTimeline {
    /** Told of each block as it closes, so that the simulated chain can build it. */
    public interface BlockSink {
        void closed(long number, ConsensusModel.BlockSlot slot, long gas, long bytes);

        BlockSink NONE = (number, slot, gas, bytes) -> {};
    }

    /** Where a transaction went: its block and that block's virtual time. */
    public record Placement(long block, long timeMillis) {}

    private final long blockGasLimit;
    private final long blockSizeBytes;
    private final int confirmations;
    private final ConsensusModel consensus;
    private final BlockSink sink;
    private ConsensusModel.BlockSlot openSlot;
    private long openGas;
    private long openBytes;
    private long lastTxBlock;
    private long headNumber;
    private long headMillis;
    private long nowMillis;

    public BlockTimeline(long blockGasLimit, long blockSizeBytes, int confirmations, ConsensusModel consensus, BlockSink sink) {
        this.blockGasLimit = blockGasLimit;
        this.blockSizeBytes = blockSizeBytes;
        this.confirmations = confirmations;
        this.consensus = consensus;
        this.sink = sink;
    }

    /** The timeline a config's simulated-chain settings describe; {@code random} is the consensus model's seeded stream. */
    public static BlockTimeline of(SimulatedLedgerConfig config, SplittableRandom random) {
        return new BlockTimeline(config.blockGasLimit(), config.blockSizeBytes(), config.confirmations(),
                ConsensusModels.create(config.consensus(), random), BlockSink.NONE);
    }

    /** Places the next transaction; one larger than a block's limits gets a block of its own. */
    public Placement place(long gas, long bytes) {
        if (openSlot != null && (openGas + gas > blockGasLimit || openBytes + bytes > blockSizeBytes)) {
            closeOpenBlock();
        }
        if (openSlot == null) {
            openSlot = consensus.next(headMillis, nowMillis);
        }
        openGas += gas;
        openBytes += bytes;
        lastTxBlock = headNumber + 1;
        return new Placement(lastTxBlock, openSlot.timeMillis());
    }

    /** Closes the open block and adds blocks until every transaction has its confirmations; moves the clock. */
    public void seal() {
        if (openSlot != null) {
            closeOpenBlock();
        }
        while (headNumber < lastTxBlock + confirmations) {
            openSlot = consensus.next(headMillis, nowMillis);
            closeOpenBlock();
        }
        nowMillis = Math.max(nowMillis, headMillis);
    }

    private void closeOpenBlock() {
        headNumber++;
        headMillis = openSlot.timeMillis();
        sink.closed(headNumber, openSlot, openGas, openBytes);
        openSlot = null;
        openGas = 0;
        openBytes = 0;
    }

    /** The number of the last closed block (0: only genesis). */
    public long headNumber() {
        return headNumber;
    }

    public long nowMillis() {
        return nowMillis;
    }
}
