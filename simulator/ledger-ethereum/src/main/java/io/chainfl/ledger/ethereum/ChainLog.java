package io.chainfl.ledger.ethereum;

import io.chainfl.ledger.LedgerStats;
import java.math.BigInteger;
import io.chainfl.ledger.sim.BlockTimeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * The ledger's mined transactions and the blocks holding them: cumulative stats and the chain check. Time and block
 * counts in the stats come from the run's {@link BlockTimeline}, fed with each mined transaction in the order the
 * ledger was called: the node's blocks depend on its mining mode and its timestamps on its wall clock.
 */
final class ChainLog {
    /** Above this many blocks, verifyChain re-fetches only the blocks used and their parents' links. */
    private static final long FULL_CHECK_LIMIT = 5_000;

    private final Rpc rpc;
    private final Map<Long, BlockInfo> blocks = new ConcurrentSkipListMap<>();
    private final List<MinedTx> txs = new ArrayList<>();
    private final BlockTimeline timeline;
    private final Map<String, Long> includedAtMillis = new HashMap<>();

    ChainLog(Rpc rpc, BlockTimeline timeline) {
        this.rpc = rpc;
        this.timeline = timeline;
    }

    BlockInfo block(long number) {
        BlockInfo known = blocks.get(number);
        return known != null ? known : blocks.computeIfAbsent(number, this::fetch);
    }

    BlockInfo fetch(long number) {
        EthBlock.Block b = rpc.sendOrThrow("eth_getBlockByNumber",
                rpc.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)).getBlock();
        if (b == null) {
            throw new IllegalStateException("the Ethereum node at " + rpc.url() + " has no block " + number);
        }
        List<String> hashes = b.getTransactions().stream().map(t -> String.valueOf(t.get())).toList();
        return new BlockInfo(number, b.getHash(), b.getParentHash(), b.getTimestamp().longValue(), hashes);
    }

    void record(MinedTx tx) {
        block(tx.blockNumber());
        synchronized (txs) {
            txs.add(tx);
            includedAtMillis.put(tx.hash(), timeline.place(tx.gasUsed(), tx.calldataBytes()).timeMillis());
        }
    }

    /** The virtual time of the modelled block that holds a recorded transaction. */
    long includedAtMillis(String hash) {
        synchronized (txs) {
            Long at = includedAtMillis.get(hash);
            if (at == null) {
                throw new IllegalStateException("transaction " + hash + " was not recorded");
            }
            return at;
        }
    }

    /** Closes the modelled open block and waits out its confirmations: the virtual clock moves. */
    void seal() {
        synchronized (txs) {
            timeline.seal();
        }
    }

    LedgerStats stats() {
        synchronized (txs) {
            long bytes = 0;
            long gas = 0;
            for (MinedTx tx : txs) {
                bytes += tx.calldataBytes();
                gas += tx.gasUsed();
            }
            return new LedgerStats(txs.size(), timeline.headNumber(), bytes, gas, timeline.nowMillis());
        }
    }

    /** Re-fetches the blocks: hashes unchanged, parent hashes link, every transaction still in its block. */
    boolean verify() {
        List<MinedTx> copy;
        synchronized (txs) {
            copy = List.copyOf(txs);
        }
        if (copy.isEmpty()) {
            return true;
        }
        long first = copy.stream().mapToLong(MinedTx::blockNumber).min().orElseThrow();
        long last = copy.stream().mapToLong(MinedTx::blockNumber).max().orElseThrow();
        boolean full = last - first < FULL_CHECK_LIMIT;
        Map<Long, BlockInfo> fresh = new ConcurrentSkipListMap<>();
        if (full) {
            for (long n = first; n <= last; n++) {
                fresh.put(n, fetch(n));
            }
        } else {
            for (MinedTx tx : copy) {
                fresh.computeIfAbsent(tx.blockNumber(), this::fetch);
                fresh.computeIfAbsent(tx.blockNumber() - 1, this::fetch);
            }
        }
        for (BlockInfo b : fresh.values()) {
            BlockInfo parent = fresh.get(b.number() - 1);
            if (parent != null && !parent.hash().equals(b.parentHash())) {
                return false;
            }
            BlockInfo remembered = blocks.get(b.number());
            if (remembered != null && !remembered.hash().equals(b.hash())) {
                return false;
            }
        }
        for (MinedTx tx : copy) {
            BlockInfo b = fresh.get(tx.blockNumber());
            if (!b.hash().equals(tx.blockHash()) || !b.txHashes().contains(tx.hash())) {
                return false;
            }
        }
        return true;
    }
}
