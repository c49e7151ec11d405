package io.chainfl.ledger.ethereum;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One daemon thread that, every poll interval while transactions are pending, asks for the head block
 * number and scans each new block for pending transaction hashes: one request per interval when nothing
 * happened, not one per pending transaction. Completes each pending transaction's receipt future.
 */
final class ReceiptPoller implements AutoCloseable {
    private final Rpc rpc;
    private final Map<String, TxSender.Sent> pending;
    private final long intervalMs;
    private final Thread thread;
    private final Object signal = new Object();
    private volatile boolean closed;
    private long scanned;
    private long lastFastForward;

    ReceiptPoller(Rpc rpc, Map<String, TxSender.Sent> pending, long intervalMs) {
        this.rpc = rpc;
        this.pending = pending;
        this.intervalMs = intervalMs;
        this.scanned = head();
        this.thread = new Thread(this::run, "chainfl-receipts-" + rpc.url());
        thread.setDaemon(true);
        thread.start();
    }

    void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Looks the receipt up right away (instant mining) and completes the future if it is there. */
    void checkNow(TxSender.Sent sent) {
        fetchReceipt(sent.hash()).ifPresent(r -> complete(sent, r));
    }

    private void run() {
        while (!closed) {
            try {
                synchronized (signal) {
                    if (pending.isEmpty() && !closed) {
                        signal.wait(1_000);
                    }
                }
                if (closed) {
                    return;
                }
                if (pending.isEmpty()) {
                    fastForward();
                    continue;
                }
                Thread.sleep(intervalMs);
                scan();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                // a failed poll (node busy, a UserError for a node that went away) fails the waiting callers
                pending.values().forEach(s -> s.receipt().completeExceptionally(e));
                pending.clear();
            }
        }
    }

    /**
     * While nothing is pending, skips the blocks mined meanwhile (at most once a second). The head is read
     * before pending is checked: a transaction registered after that check lands in a later block.
     */
    private void fastForward() {
        long now = System.nanoTime();
        if (now - lastFastForward < 1_000_000_000L) {
            return;
        }
        lastFastForward = now;
        long head = head();
        if (pending.isEmpty()) {
            scanned = Math.max(scanned, head);
        }
    }

    private void scan() {
        long head = head();
        for (long n = scanned + 1; n <= head && !pending.isEmpty(); n++) {
            EthBlock.Block block = rpc.sendOrThrow("eth_getBlockByNumber",
                    rpc.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false)).getBlock();
            if (block == null) {
                return; // not yet visible: retry from here next time
            }
            for (EthBlock.TransactionResult<?> tx : block.getTransactions()) {
                TxSender.Sent sent = pending.get(String.valueOf(tx.get()));
                if (sent != null) {
                    fetchReceipt(sent.hash()).ifPresent(r -> complete(sent, r));
                }
            }
            scanned = n;
        }
    }

    private void complete(TxSender.Sent sent, TransactionReceipt receipt) {
        sent.found().compareAndSet(0, System.nanoTime());
        pending.remove(sent.hash());
        sent.receipt().complete(receipt);
    }

    private Optional<TransactionReceipt> fetchReceipt(String hash) {
        return rpc.sendOrThrow("eth_getTransactionReceipt", rpc.web3j().ethGetTransactionReceipt(hash)).getTransactionReceipt();
    }

    private long head() {
        return rpc.sendOrThrow("eth_blockNumber", rpc.web3j().ethBlockNumber()).getBlockNumber().longValue();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
