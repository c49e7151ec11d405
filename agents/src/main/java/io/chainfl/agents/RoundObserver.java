package io.chainfl.agents;

import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.engine.metrics.MetricValues;
import java.util.List;

/**
 * Something that watches a round without taking part in its outcome (a passive adversary): it sees the
 * global parameters the round started from and the updates as uploaded, and adds metrics it declares itself (as
 * {@link io.chainfl.engine.metrics.Metric} constants). It must not modify what it is given.
 */
public interface RoundObserver {
    RoundObserver NONE = (round, global, uploaded) -> new MetricValues();

    /** Its metrics for the round. */
    MetricValues observe(int round, float[] globalBefore, List<ClientUpdate> uploaded);
}
