package io.chainfl.ledger.sim;

import io.chainfl.engine.config.ConsensusConfig;
import java.util.SplittableRandom;

/** Builds the consensus model a config names. */
public final class ConsensusModels {
    private ConsensusModels() {}

    public static ConsensusModel create(ConsensusConfig config, SplittableRandom random) {
        return switch (config.type()) {
            case INSTANT -> new InstantConsensus();
            case POA -> new ProofOfAuthority(config.poaIntervalMs(), config.validators());
            case POW -> new ProofOfWork(config.powMeanIntervalMs(), random);
            case BFT -> new BftConsensus(config.validators(), config.bftPhases(), config.bftMessageDelayMs());
            case SORTITION -> new StakeSortition(config.sortitionStakes(), config.sortitionBlockTimeMs(), random);
        };
    }
}
