package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which rounds of a series an assertion looks at, and how their values become one number per seed. */
public enum RoundSelector {
    /** the last round */
    @JsonProperty("final") FINAL,
    /** each round must satisfy the comparison; the value reported is the worst round */
    @JsonProperty("every") EVERY,
    @JsonProperty("min") MIN,
    @JsonProperty("max") MAX,
    @JsonProperty("mean") MEAN,
    @JsonProperty("sum") SUM
}
