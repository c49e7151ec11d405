package io.chainfl.learning.aggregation;

import java.util.List;

/**
 * Federated averaging (McMahan et al. 2017): the mean of the updates weighted by local data size, summed per
 * coordinate in participant order in double (see {@link Updates}).
 */
public final class FedAvg implements Aggregator {
    @Override
    public String name() {
        return "fedavg";
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        List<ClientUpdate> ordered = Updates.byParticipant(updates);
        return Updates.weightedSum(UpdateMatrix.stack(ordered), Updates.dataSizeWeights(ordered));
    }
}
