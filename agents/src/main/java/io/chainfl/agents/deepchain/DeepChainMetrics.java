package io.chainfl.agents.deepchain;

import io.chainfl.engine.metrics.LedgerMetrics;
import io.chainfl.engine.metrics.Metric;
import java.util.List;

/** The metrics {@link DeepChainCoordinator} reports per round, declared once for the coordinator and the scenario. */
public final class DeepChainMetrics {
    private DeepChainMetrics() {}

    public static final Metric ACCEPTED_UPDATES = new Metric("accepted_updates", "parties", "submissions the trading contract accepted and the round applied");
    public static final Metric FORFEITS = new Metric("forfeits", "forfeits", "deposits forfeited in the round (missed deadlines, bad ciphertexts or aggregates)");
    public static final Metric REJECTED_AGGREGATES = new Metric("rejected_aggregates", "workers", "workers punished for a rejected or missing aggregate");
    public static final Metric CIPHER_BYTES = new Metric("cipher_bytes", "bytes", "size of one party's encrypted (or plain) submission");
    public static final Metric EXCHANGE_TXS = new Metric("exchange_txs", "transactions", "gradient-exchange transactions of the round's submissions");
    public static final Metric EXCHANGE_MS = new Metric("exchange_ms", "ms (virtual)", "virtual time the submissions took to reach the chain");
    public static final Metric SOLO_MEAN = new Metric("solo_mean", "accuracy", "mean test accuracy of the parties training alone");
    public static final Metric SOLO_MAX = new Metric("solo_max", "accuracy", "best test accuracy of a party training alone");
    public static final Metric DEVICE_MS = new Metric("device_ms", "ms (virtual)",
            "the round's time on the parties' and workers' devices before the ledger's (the slowest member of each phase; with a devices section only)");
    public static final Metric DEVICE_CRYPTO_MS = new Metric("device_crypto_ms", "ms (virtual)",
            "the cryptography in device_ms: encryption, products, decryption shares, combination, signatures and hashing of the members that set the pace");
    /** Reported only with a devices section, after {@link #METRICS}. */
    public static final List<Metric> DEVICE_METRICS = List.of(DEVICE_MS, DEVICE_CRYPTO_MS);
    /** What the coordinator reports per round, in column order. */
    public static final List<Metric> METRICS = List.of(ACCEPTED_UPDATES, FORFEITS, REJECTED_AGGREGATES, CIPHER_BYTES, EXCHANGE_TXS, EXCHANGE_MS,
            LedgerMetrics.TXS, LedgerMetrics.BYTES, LedgerMetrics.GAS, LedgerMetrics.MS, SOLO_MEAN, SOLO_MAX);
}
