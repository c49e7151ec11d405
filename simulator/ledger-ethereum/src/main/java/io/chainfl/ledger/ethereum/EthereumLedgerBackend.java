package io.chainfl.ledger.ethereum;

import io.chainfl.engine.config.LedgerConfig;
import io.chainfl.engine.config.LedgerType;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerBackend;
import io.chainfl.ledger.sim.BlockTimeline;

/** ServiceLoader entry point for ledger.type: ethereum. */
public final class EthereumLedgerBackend implements LedgerBackend {
    @Override
    public LedgerType type() {
        return LedgerType.ETHEREUM;
    }

    @Override
    public Ledger open(LedgerConfig config, BlockTimeline timeline) {
        return EthereumLedger.open(config.ethereum(), timeline);
    }
}
