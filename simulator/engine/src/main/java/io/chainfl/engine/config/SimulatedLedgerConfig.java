package io.chainfl.engine.config;

/** Settings of the simulated chain (ledger.type: simulated). */
public record SimulatedLedgerConfig(
        @Doc("transactions per block before a block is sealed early (the in-memory chain)") @Range(min = 1, max = 1_000_000) Integer blockSize) {

    public SimulatedLedgerConfig {
        blockSize = blockSize == null ? 64 : blockSize;
    }

    public static SimulatedLedgerConfig defaults() {
        return new SimulatedLedgerConfig(null);
    }
}
