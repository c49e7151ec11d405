package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the fedavg server's own computation adds to a round's virtual time (docs/virtual-time.md, "Server work"):
 * nothing (the default, every earlier result), the aggregation of the round's uploads, or the aggregation and the
 * evaluation of the new global model on the test set. Evaluation is on the round's path in the last case: the server
 * evaluates before it sends the next model (a server that evaluates beside the path, on other cores, is {@code aggregate}).
 */
public enum ServerWork {
    /** The server computes in no time. */
    @JsonProperty("none") NONE,
    /** Aggregating the round's uploads takes the server's device time; evaluation is beside the path. */
    @JsonProperty("aggregate") AGGREGATE,
    /** Aggregating, then evaluating the new model on the test set before the next round starts. */
    @JsonProperty("aggregate_and_evaluate") AGGREGATE_AND_EVALUATE
}
