package io.chainfl.engine.config;

/** Settings of the Ethereum backend (ledger.type: ethereum). */
public record EthereumLedgerConfig(
        @Doc("JSON-RPC endpoint of the node (Besu, or a Hardhat node in CI)") String rpcUrl) {

    public EthereumLedgerConfig {
        rpcUrl = rpcUrl == null ? "http://127.0.0.1:8545" : rpcUrl;
    }

    public static EthereumLedgerConfig defaults() {
        return new EthereumLedgerConfig(null);
    }
}
