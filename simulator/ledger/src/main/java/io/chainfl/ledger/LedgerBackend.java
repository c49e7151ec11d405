package io.chainfl.ledger;

import io.chainfl.engine.config.LedgerConfig;
import io.chainfl.engine.config.LedgerType;

/**
 * A ledger implementation living outside the engine (the Ethereum backend needs web3j, which the engine
 * does not depend on). Found with {@link java.util.ServiceLoader}; listed in
 * {@code META-INF/services/io.chainfl.ledger.LedgerBackend} of its module.
 */
public interface LedgerBackend {
    LedgerType type();

    Ledger open(LedgerConfig config);
}
