package io.chainfl.learning.aggregation;

import io.chainfl.engine.checkpoint.Snapshot;
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

    /**
     * Writes what the rule carries from one round to the next (centered clipping's center, FoolsGold's histories) into a
     * checkpoint, every section's name starting with {@code prefix}; stateless rules write nothing. Called between
     * rounds, never during {@link #aggregate}.
     */
    default void saveState(Snapshot.Builder out, String prefix) {}

    /** Takes back what {@link #saveState} wrote (absent sections: the state of a rule that has not aggregated yet). */
    default void restoreState(Snapshot in, String prefix) {}
}
