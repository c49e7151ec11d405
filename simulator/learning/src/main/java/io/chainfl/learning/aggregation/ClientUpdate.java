package io.chainfl.learning.aggregation;

import java.util.Objects;

/**
 * One participant's contribution to a round: the change it proposes to the global parameters and the weight
 * (usually its number of training samples) FedAvg gives it.
 */
public record ClientUpdate(int participantId, float[] delta, long weight) {
    public ClientUpdate {
        Objects.requireNonNull(delta, "delta");
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be non-negative");
        }
    }
}
