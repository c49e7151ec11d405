package io.chainfl.engine.config;

import java.util.List;

/** Consensus latency model of the simulated chain: when blocks are produced and by whom. */
public record ConsensusConfig(
        @Doc("instant, poa (fixed interval), pow (exponential intervals), bft (message rounds) or sortition (stake-weighted leaders)") ConsensusType type,
        @Doc("poa: block period in ms (Besu/geth private networks use 1-15 s)") @Range(min = 1, max = 3_600_000) Long poaIntervalMs,
        @Doc("pow: mean inter-block time in ms (pre-merge Ethereum about 13 s)") @Range(min = 1, max = 3_600_000) Long powMeanIntervalMs,
        @Doc("poa: signers in round-robin; bft: committee size (tolerates (n-1)/3 faults)") @Range(min = 1, max = 10_000) Integer validators,
        @Doc("bft: message rounds per block (PBFT/IBFT: pre-prepare, prepare, commit)") @Range(min = 1, max = 100) Integer bftPhases,
        @Doc("bft: one-way network delay per message round in ms") @Range(min = 0, max = 60_000) Long bftMessageDelayMs,
        @Doc("sortition: block time in ms (Algorand about 4.5 s)") @Range(min = 0, max = 3_600_000) Long sortitionBlockTimeMs,
        @Doc("sortition: stake of each validator; a block's leader is drawn proportionally") @Range(min = 0, max = 1e12) List<Long> sortitionStakes) {

    public ConsensusConfig {
        type = type == null ? ConsensusType.POA : type;
        poaIntervalMs = poaIntervalMs == null ? 1_000L : poaIntervalMs;
        powMeanIntervalMs = powMeanIntervalMs == null ? 13_000L : powMeanIntervalMs;
        validators = validators == null ? 4 : validators;
        bftPhases = bftPhases == null ? 3 : bftPhases;
        bftMessageDelayMs = bftMessageDelayMs == null ? 100L : bftMessageDelayMs;
        sortitionBlockTimeMs = sortitionBlockTimeMs == null ? 4_500L : sortitionBlockTimeMs;
        sortitionStakes = sortitionStakes == null ? List.of(1L, 1L, 1L, 1L) : List.copyOf(sortitionStakes);
    }

    public static ConsensusConfig defaults() {
        return new ConsensusConfig(null, null, null, null, null, null, null, null);
    }

    public static ConsensusConfig of(ConsensusType type) {
        return new ConsensusConfig(type, null, null, null, null, null, null, null);
    }
}
