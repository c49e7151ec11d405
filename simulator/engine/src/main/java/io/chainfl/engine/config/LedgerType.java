package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum LedgerType {
    /** No ledger: plain federated learning, nothing is recorded. */
    @JsonProperty("none") NONE,
    /** Simulated chain in virtual time: hash-chained blocks, EVM-like gas, a consensus latency model. */
    @JsonProperty("simulated") SIMULATED,
    /** A real Ethereum JSON-RPC node (Hyperledger Besu in production, a Hardhat node in CI). */
    @JsonProperty("ethereum") ETHEREUM
}
