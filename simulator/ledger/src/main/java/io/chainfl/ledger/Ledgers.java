package io.chainfl.ledger;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.LedgerConfig;
import io.chainfl.ledger.sim.BlockTimeline;
import io.chainfl.ledger.sim.SimulatedLedger;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ServiceLoader;

/** Builds the ledger a config asks for: the single place a backend is chosen. */
public final class Ledgers {
    private Ledgers() {}

    /**
     * @param seeds the run's seed streams; the consensus model draws from {@code ledger/consensus}, on the simulated
     *              chain and on the timeline that gives an Ethereum ledger its virtual time
     */
    public static Ledger create(LedgerConfig config, SeedStreams seeds) {
        return switch (config.type()) {
            case NONE -> new NoLedger();
            case SIMULATED -> new SimulatedLedger(config.simulated(), seeds.stream("ledger/consensus"));
            case ETHEREUM -> ServiceLoader.load(LedgerBackend.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(b -> b.type() == config.type())
                    .findFirst()
                    .orElseThrow(() -> new UserError("ledger.type: ethereum needs the chainfl-ledger-ethereum module on the class path; use the ./chainfl launcher"))
                    .open(config, BlockTimeline.of(config.simulated(), seeds.stream("ledger/consensus")));
        };
    }
}
