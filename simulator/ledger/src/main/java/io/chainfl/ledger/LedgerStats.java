package io.chainfl.ledger;

/** Cumulative counters a run reports per round (differences between rounds give per-round figures). */
public record LedgerStats(long transactions, long blocks, long payloadBytes, long gasUsed, long virtualTimeMillis) {
    public static final LedgerStats EMPTY = new LedgerStats(0, 0, 0, 0, 0);

    public LedgerStats minus(LedgerStats earlier) {
        return new LedgerStats(transactions - earlier.transactions, blocks - earlier.blocks,
                payloadBytes - earlier.payloadBytes, gasUsed - earlier.gasUsed, virtualTimeMillis - earlier.virtualTimeMillis);
    }
}
