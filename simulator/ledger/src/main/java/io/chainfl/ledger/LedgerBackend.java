package io.chainfl.ledger;

import io.chainfl.engine.config.LedgerConfig;
import io.chainfl.engine.config.LedgerType;
import io.chainfl.ledger.sim.BlockTimeline;

/**
 * A ledger implementation living outside the engine (the Ethereum backend needs web3j, which the engine
 * does not depend on). Found with {@link java.util.ServiceLoader}; listed in
 * {@code META-INF/services/io.chainfl.ledger.LedgerBackend} of its module.
 */
public interface LedgerBackend {
    LedgerType type();

    /**
     * @param timeline the run's model of ledger time: a real node's block timestamps are its wall clock, so a
     *                 backend reports the virtual time and blocks of this timeline, fed with its transactions
     */
    Ledger open(LedgerConfig config, BlockTimeline timeline);
}
