package io.chainfl.engine.ledger;

/** Proof of inclusion handed back to the poster: the transaction id and the block that holds it. */
public record TxReceipt(String txId, long blockNumber, long gasUsed) {}
