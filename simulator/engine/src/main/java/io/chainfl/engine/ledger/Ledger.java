package io.chainfl.engine.ledger;

import java.util.Optional;

/**
 * An append-only record of message hashes. Implementations: the in-memory hash chain here, and (later) a
 * simulated chain with gas and consensus latency and a real Ethereum node. Callers post entries in a
 * deterministic order (sorted by participant id), so transaction ids and blocks never depend on threads.
 */
public interface Ledger extends AutoCloseable {

    /** Records the entry; rejects a second post for the same (round, sender, kind). */
    TxReceipt post(LedgerEntry entry);

    /** The entry recorded under a transaction id, if any. */
    Optional<LedgerEntry> lookup(String txId);

    /** True when the transaction exists and carries exactly this hash: what a participant checks after a download. */
    default boolean verify(String txId, byte[] messageHash) {
        return lookup(txId).map(e -> java.util.Arrays.equals(e.messageHash(), messageHash)).orElse(false);
    }

    /** Closes the open block, e.g. at the end of a round. */
    void seal();

    /** Recomputes every hash link and Merkle root; false if any transaction or block was altered. */
    boolean verifyChain();

    LedgerStats stats();

    @Override
    default void close() {}
}
