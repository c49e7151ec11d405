package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum PartitionType {
    @JsonProperty("iid") IID,
    @JsonProperty("dirichlet") DIRICHLET,
    @JsonProperty("shards") SHARDS,
    @JsonProperty("quantity") QUANTITY
}
