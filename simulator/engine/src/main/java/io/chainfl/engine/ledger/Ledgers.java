package io.chainfl.engine.ledger;

import io.chainfl.engine.config.LedgerConfig;

/** Builds the ledger a config asks for: the single place a new backend is registered. */
public final class Ledgers {
    private Ledgers() {}

    public static Ledger create(LedgerConfig config) {
        return switch (config.type()) {
            case NONE -> new NoLedger();
            case MEMORY -> new InMemoryLedger(config.blockSize());
        };
    }
}
