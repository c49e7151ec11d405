package io.chainfl.engine.metrics;

/** The ledger's cost of one round, as the protocols that post to a ledger report it (differences of the ledger's stats). */
public final class LedgerMetrics {
    private LedgerMetrics() {}

    public static final Metric TXS = new Metric("ledger_txs", "transactions", "transactions the round added to the ledger");
    public static final Metric BYTES = new Metric("ledger_bytes", "bytes", "payload bytes the round's transactions carried");
    public static final Metric GAS = new Metric("ledger_gas", "gas", "gas the round's transactions used");
    public static final Metric MS = new Metric("ledger_ms", "ms (virtual)", "virtual time the ledger advanced during the round");
}
