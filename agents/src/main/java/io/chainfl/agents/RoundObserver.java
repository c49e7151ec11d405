package io.chainfl.agents;

import io.chainfl.engine.aggregation.ClientUpdate;
import java.util.List;
import java.util.Map;

/**
 * Something that watches a round without taking part in its outcome (a passive adversary): it sees the
 * global parameters the round started from and the updates as uploaded, and adds metric columns. It must not
 * modify what it is given.
 */
public interface RoundObserver {
    RoundObserver NONE = (round, global, uploaded) -> Map.of();

    /** Extra metric columns for the round, by column name. */
    Map<String, Double> observe(int round, float[] globalBefore, List<ClientUpdate> uploaded);
}
