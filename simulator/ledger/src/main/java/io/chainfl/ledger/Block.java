package io.chainfl.ledger;

import java.util.List;

/** A sealed block: its position, the hash of its predecessor, the Merkle root of its transactions. */
public record Block(long number, String previousHash, String merkleRoot, List<String> txIds, String hash) {
    public Block {
        txIds = List.copyOf(txIds);
    }
}
