package io.chainfl.ledger;

/**
 * DeepChain's gradient exchange: a payload of N bytes (an encrypted gradient batch) posted on chain as
 * calldata, its hash stored and announced in an event, so bytes/s and tx/s can be measured.
 */
public interface GradientExchange {
    TxReceipt post(long round, String sender, byte[] payload);
}
