package io.chainfl.ledger.ethereum;

/** One of the ledger's successful transactions, as its receipt reported it. */
record MinedTx(String hash, long blockNumber, String blockHash, long gasUsed, long calldataBytes) {}
