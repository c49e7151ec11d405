package io.chainfl.learning.aggregation;

import java.util.List;

/**
 * Combines the round's updates into one change of the global model. Inputs arrive sorted by participant id,
 * never in arrival order, so an aggregator may rely on a stable order.
 */
public interface Aggregator {
    String name();

    float[] aggregate(List<ClientUpdate> updates);

    /**
     * Told by the server when a round starts, before that round's {@link #aggregate}: the global parameters the
     * participants start from. Rules that train on the server's own data (FLTrust) need them; the rest ignore it.
     */
    default void beginRound(int round, float[] globalParams) {}
}
