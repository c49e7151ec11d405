package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ConsensusType {
    /** A block as soon as transactions arrive, at no delay. */
    @JsonProperty("instant") INSTANT,
    /** Proof of authority (Clique/IBFT): blocks on a fixed interval. */
    @JsonProperty("poa") POA,
    /** Proof of work: exponential inter-block times around a mean. */
    @JsonProperty("pow") POW,
    /** BFT among validators: a block commits after a number of message rounds. */
    @JsonProperty("bft") BFT,
    /** Stake-weighted leader sortition (Algorand-style, as in DeepChain): fixed block time. */
    @JsonProperty("sortition") SORTITION
}
