package io.chainfl.ledger.sim;

import io.chainfl.ledger.LedgerEvent;
import java.util.List;

/**
 * A contract call as the chain stores it: enough to re-encode it (so ids can be recomputed when the chain is
 * verified) and to write its events on demand (events are only formatted as strings when someone asks).
 * Calls whose events depend on execution (a deposit id, take shares, election winners) carry those results.
 */
interface ChainCall {
    GasSchedule.Function function();

    /** Writes nonce and committed encoding: what the transaction id hashes. */
    void encode(long nonce, AbiEncoder abi);

    void emit(long blockNumber, List<LedgerEvent> out);
}
