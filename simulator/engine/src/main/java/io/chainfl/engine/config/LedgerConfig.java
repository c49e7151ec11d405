package io.chainfl.engine.config;

public record LedgerConfig(
        @Doc("none or memory (an in-memory hash-chained ledger)") LedgerType type,
        @Doc("transactions per block of the in-memory ledger") @Range(min = 1, max = 1_000_000) Integer blockSize) {

    public LedgerConfig {
        type = type == null ? LedgerType.MEMORY : type;
        blockSize = blockSize == null ? 64 : blockSize;
    }

    public static LedgerConfig defaults() {
        return new LedgerConfig(null, null);
    }
}
