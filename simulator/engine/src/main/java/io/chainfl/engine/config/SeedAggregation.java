package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the per-seed values of an assertion combine into the one value that is compared. */
public enum SeedAggregation {
    /** every seed must satisfy the comparison; the value reported is the worst seed */
    @JsonProperty("all") ALL,
    @JsonProperty("mean") MEAN,
    @JsonProperty("min") MIN,
    @JsonProperty("max") MAX
}
