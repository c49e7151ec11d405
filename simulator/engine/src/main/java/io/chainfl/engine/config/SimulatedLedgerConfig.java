package io.chainfl.engine.config;

/**
 * Settings of the simulated chain (ledger.type: simulated). Throughput is not configured: it follows from the
 * block limits and the consensus model's block times.
 */
public record SimulatedLedgerConfig(
        @Doc("gas a block can hold (Ethereum mainnet 30,000,000)") @Range(min = 21_000, max = 1e12) Long blockGasLimit,
        @Doc("calldata bytes a block can hold; the default leaves the gas limit binding") @Range(min = 1, max = 1e12) Long blockSizeBytes,
        @Doc("blocks on top of a transaction's block before it counts as final (0 for poa/bft/sortition finality, about 12 for pow)") @Range(min = 0, max = 1_000) Integer confirmations,
        @Doc("consensus latency model") ConsensusConfig consensus) {

    public SimulatedLedgerConfig {
        blockGasLimit = blockGasLimit == null ? 30_000_000L : blockGasLimit;
        blockSizeBytes = blockSizeBytes == null ? 2_000_000L : blockSizeBytes;
        confirmations = confirmations == null ? 0 : confirmations;
        consensus = consensus == null ? ConsensusConfig.defaults() : consensus;
    }

    public static SimulatedLedgerConfig defaults() {
        return new SimulatedLedgerConfig(null, null, null, null);
    }

    public SimulatedLedgerConfig withConsensus(ConsensusConfig newConsensus) {
        return new SimulatedLedgerConfig(blockGasLimit, blockSizeBytes, confirmations, newConsensus);
    }
}
