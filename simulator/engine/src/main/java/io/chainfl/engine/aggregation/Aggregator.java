package io.chainfl.engine.aggregation;

import java.util.List;

/**
 * Combines the round's updates into one change of the global model. Inputs arrive sorted by participant id,
 * never in arrival order, so an aggregator may rely on a stable order.
 */
public interface Aggregator {
    String name();

    float[] aggregate(List<ClientUpdate> updates);
}
