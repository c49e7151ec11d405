package io.chainfl.engine.config;

public record LedgerConfig(
        @Doc("none (plain federated learning), simulated (a chain in virtual time) or ethereum (a JSON-RPC node)") LedgerType type,
        @Doc("settings of the simulated chain") SimulatedLedgerConfig simulated,
        @Doc("settings of the Ethereum backend") EthereumLedgerConfig ethereum) {

    public LedgerConfig {
        type = type == null ? LedgerType.SIMULATED : type;
        simulated = simulated == null ? SimulatedLedgerConfig.defaults() : simulated;
        ethereum = ethereum == null ? EthereumLedgerConfig.defaults() : ethereum;
    }

    public static LedgerConfig defaults() {
        return new LedgerConfig(null, null, null);
    }
}
