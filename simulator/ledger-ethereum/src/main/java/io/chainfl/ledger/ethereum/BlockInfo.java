package io.chainfl.ledger.ethereum;

import java.util.List;

/** What the ledger remembers of a block that holds its transactions (for stats and {@code verifyChain}). */
record BlockInfo(long number, String hash, String parentHash, long timestampSeconds, List<String> txHashes) {
    BlockInfo {
        txHashes = List.copyOf(txHashes);
    }
}
