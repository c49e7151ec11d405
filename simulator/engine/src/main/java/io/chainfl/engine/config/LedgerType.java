package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum LedgerType {
    /** No ledger: plain federated learning, nothing is recorded. */
    @JsonProperty("none") NONE,
    /** In-memory hash-chained ledger in virtual time. */
    @JsonProperty("memory") MEMORY
}
