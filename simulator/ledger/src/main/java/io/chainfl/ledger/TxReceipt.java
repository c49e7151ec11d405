package io.chainfl.ledger;

/**
 * Proof of inclusion handed back to the caller.
 *
 * @param txId             transaction id (hex; on Ethereum the transaction hash)
 * @param blockNumber      block that includes it
 * @param gasUsed          gas the transaction consumed (EVM rules; the simulated chain models them)
 * @param includedAtMillis virtual time (simulated) or block timestamp (Ethereum) of inclusion, in ms
 */
public record TxReceipt(String txId, long blockNumber, long gasUsed, long includedAtMillis) {}
